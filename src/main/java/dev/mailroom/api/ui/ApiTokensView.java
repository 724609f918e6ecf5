package dev.mailroom.api.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import dev.mailroom.api.ApiToken;
import dev.mailroom.api.ApiTokens;
import dev.mailroom.api.CreatedToken;
import dev.mailroom.api.TokenScope;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.ui.AdminTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;

/**
 * Administration → API tokens: make a token (shown once), see who made which and when it was last used, revoke.
 * Operators reach the same page for platform tokens; the service decides whose tokens a caller sees.
 */
@Route("admin/api-tokens")
@RouteAlias("operator/api-tokens")
@RolesAllowed({"ADMIN", "OPERATOR"})
class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    static final String ID = "api-tokens-view";

    private final ApiTokens tokens;
    private final Clock clock;
    final TextField name = new TextField();
    final Select<Integer> days = new Select<>();
    final CheckboxGroup<TokenScope> scopes = new CheckboxGroup<>();
    final Grid<ApiToken> grid = new Grid<>();
    final Paragraph result = new Paragraph();
    private final DateTimeFormatter when;

    ApiTokensView(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        setId(ID);
        when = AdminTime.shortDateTime(getLocale());
        name.setId("api-tokens-name");
        name.setLabel(getTranslation("api-tokens.name"));
        name.setMaxLength(80);
        name.setRequiredIndicatorVisible(true);
        days.setId("api-tokens-validity");
        days.setLabel(getTranslation("api-tokens.validity"));
        days.setItems(30, 90, 365);
        days.setItemLabelGenerator(d -> getTranslation("api-tokens.validity.days", d));
        days.setValue(90);
        boolean platform =
                TenantContext.currentMember().map(m -> m.tenantId() == null).orElse(false);
        scopes.setId("api-tokens-scopes");
        scopes.setLabel(getTranslation("api-tokens.scopes"));
        scopes.setHelperText(getTranslation("api-tokens.scopes.help"));
        scopes.setItems(TokenScope.available(platform));
        scopes.setItemLabelGenerator(s -> getTranslation("api-tokens.scope." + s.key));
        scopes.setValue(TokenScope.available(platform));
        var create = new Button(getTranslation("api-tokens.action.create"), e -> create());
        create.setId("api-tokens-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, days, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        var scopesRow = new HorizontalLayout(scopes);
        result.setId("api-tokens-result");
        result.getElement().setAttribute("aria-live", "polite");

        grid.setId("api-tokens-grid");
        grid.addColumn(ApiToken::name).setHeader(getTranslation("api-tokens.column.name"));
        grid.addColumn(ApiToken::createdBy).setHeader(getTranslation("api-tokens.column.created-by"));
        // In the reader's words; the keys (settings:read …) are the API's, shown by GET /api/v1/token.
        grid.addColumn(t -> String.join(
                        "; ",
                        t.scopes().stream()
                                .sorted()
                                .map(s -> getTranslation("api-tokens.scope." + s.key))
                                .toList()))
                .setHeader(getTranslation("api-tokens.column.scopes"))
                .setFlexGrow(2);
        grid.addColumn(t -> when.format(t.expiresAt())).setHeader(getTranslation("api-tokens.column.expires"));
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("api-tokens.never") : when.format(t.lastUsedAt()))
                .setHeader(getTranslation("api-tokens.column.last-used"));
        grid.addColumn(this::state).setHeader(getTranslation("api-tokens.column.state"));
        grid.addComponentColumn(this::revokeButton).setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("api-tokens.empty"));
        grid.setAllRowsVisible(true);
        add(
                new H2(getTranslation("api-tokens.title")),
                new Paragraph(getTranslation(platform ? "api-tokens.intro.operator" : "api-tokens.intro")),
                reference(),
                scopesRow,
                form,
                result,
                grid);
        refresh();
    }

    /** The API's browsable description (OpenAPI), served by the app outside Vaadin's routes. */
    private static Anchor reference() {
        var link = new Anchor("api-docs/ui", "");
        link.setId("api-tokens-reference");
        link.setRouterIgnore(true);
        link.setText(link.getTranslation("api-tokens.reference"));
        return link;
    }

    private void create() {
        try {
            if (scopes.getValue().isEmpty()) {
                scopes.setErrorMessage(getTranslation("api-tokens.error.scopes"));
                scopes.setInvalid(true);
                return;
            }
            scopes.setInvalid(false);
            var created = tokens.create(name.getValue(), Duration.ofDays(days.getValue()), scopes.getValue());
            name.clear();
            name.setInvalid(false);
            refresh();
            showOnce(created);
        } catch (IllegalArgumentException e) {
            name.setErrorMessage(getTranslation("api-tokens.error.name"));
            name.setInvalid(true);
        }
    }

    /** The token, this once: the page forgets it when the dialog closes, and the database never had it. */
    private void showOnce(CreatedToken created) {
        var dialog = new Dialog();
        dialog.setId("api-tokens-created");
        dialog.setHeaderTitle(getTranslation("api-tokens.created.title"));
        var secret = new TextField(created.token().name());
        secret.setId("api-tokens-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        var copy = new Button(getTranslation("api-tokens.action.copy"));
        copy.setId("api-tokens-copy");
        // In the click itself, as browsers require for the clipboard.
        copy.getElement()
                .executeJs("this.addEventListener('click', () => navigator.clipboard.writeText($0.value))", secret);
        var close = new Button(getTranslation("api-tokens.action.close"), e -> dialog.close());
        close.setId("api-tokens-close");
        dialog.add(new Paragraph(getTranslation("api-tokens.created.text")), secret);
        dialog.getFooter().add(copy, close);
        dialog.setWidth("min(40rem, 95vw)");
        dialog.open();
    }

    private String state(ApiToken token) {
        if (token.revokedAt() != null) {
            return getTranslation("api-tokens.state.revoked");
        }
        return getTranslation(token.usable(clock.instant()) ? "api-tokens.state.active" : "api-tokens.state.expired");
    }

    private Button revokeButton(ApiToken token) {
        var revoke = new Button(getTranslation("api-tokens.action.revoke"), e -> {
            if (tokens.revoke(token.id())) {
                result.setText(getTranslation("api-tokens.revoked", token.name()));
            }
            refresh();
        });
        revoke.setId("api-tokens-revoke-" + token.id());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        revoke.setEnabled(token.usable(clock.instant()));
        return revoke;
    }

    private void refresh() {
        grid.setItems(tokens.list());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("api-tokens.title") + " | " + getTranslation("app.name");
    }
}
