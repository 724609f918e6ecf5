package dev.mailroom.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final Paragraph passwordSet = new Paragraph();

    LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("mailroom-login");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(true);
        login.addForgotPasswordListener(e -> getUI().ifPresent(ui -> ui.navigate("account/forgot")));
        login.setI18n(translatedTexts());
        translateRevealButton();
        var title = new H1(getTranslation("app.name"));
        passwordSet.setId("login-password-set");
        passwordSet.setText(getTranslation("login.password-set"));
        passwordSet.addClassName("mailroom-success");
        passwordSet.setVisible(false);
        add(title, new Paragraph(getTranslation("login.description")), passwordSet, login);
    }

    /**
     * The form's own password input names its show-password button in English, and {@code LoginI18n} has no key
     * for it: set the input's {@code i18n.reveal} in the page, once the form has made the input.
     */
    private void translateRevealButton() {
        login.getElement().executeJs("""
                const reveal = $0;
                const find = root => root && (root.querySelector('vaadin-password-field')
                    || [...root.querySelectorAll('*')].map(e => find(e.shadowRoot)).find(f => f));
                customElements.whenDefined('vaadin-password-field').then(() => requestAnimationFrame(() => {
                  const field = find(this) || find(this.shadowRoot);
                  if (field) field.i18n = {...field.i18n, reveal};
                }));""", getTranslation("field.password.reveal"));
    }

    private LoginI18n translatedTexts() {
        var i18n = LoginI18n.createDefault();
        var form = new LoginI18n.Form();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        form.setForgotPassword(getTranslation("login.forgot"));
        i18n.setForm(form);
        var error = new LoginI18n.ErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.message"));
        error.setUsername(getTranslation("login.error.username"));
        error.setPassword(getTranslation("login.error.password"));
        i18n.setErrorMessage(error);
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        login.setError(parameters.containsKey("error"));
        passwordSet.setVisible(parameters.containsKey("password-set"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " | " + getTranslation("app.name");
    }
}
