package dev.mailroom.ui;

import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import dev.mailroom.i18n.Languages;
import dev.mailroom.security.MailroomUser;

/** Name, tenant, language and sign-out, at the foot of the drawer. */
final class UserMenu extends Div {

    static final String ID = "user-menu";
    static final String SWITCH_ID = "user-menu-switch";

    UserMenu(MailroomUser user, UserMenuActions actions) {
        setId(ID);
        addClassName("mailroom-user-menu");
        var menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        var avatar = new Avatar(user.displayName());
        var label = new Span(avatar, new Span(user.displayName()));
        label.addClassName("mailroom-user-menu-label");
        var root = menu.addItem(label);
        var sub = root.getSubMenu();

        var tenant = sub.addItem(actions.organisationLabel());
        tenant.setEnabled(false);
        if (user.hasChoice()) {
            var change = sub.addItem(getTranslation("menu.switch"), e -> actions.switchTenant());
            change.setId(SWITCH_ID);
        }
        var language = sub.addItem(getTranslation("menu.language")).getSubMenu();
        var current = getLocale().getLanguage();
        for (var locale : Languages.SUPPORTED) {
            var item = language.addItem(Languages.nativeName(locale), e -> actions.changeLanguage(locale));
            item.setCheckable(true);
            item.setChecked(locale.getLanguage().equals(current));
        }
        sub.addItem(getTranslation("menu.logout"), e -> actions.logout());
        add(menu);
    }
}
