package dev.mailroom.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts from {@code i18n/translations_<lang>.properties}. Vaadin matches the browser's language
 * against {@link #getProvidedLocales()}; the explicit order makes English the fallback (Vaadin's
 * default provider orders the files as it finds them on the class path).
 */
@Component
public class TranslationProvider implements I18NProvider {

    static final String BUNDLE = "i18n/translations";
    private static final Logger log = LoggerFactory.getLogger(TranslationProvider.class);
    // No fallback to the JVM's default locale: a missing key falls back to English, and only to English.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return Languages.SUPPORTED;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        String pattern = lookup(key, Languages.supportedOrDefault(locale.getLanguage()));
        if (pattern == null) {
            pattern = lookup(key, Languages.ENGLISH);
        }
        if (pattern == null) {
            log.warn("Missing translation key {}", key);
            return "!" + key;
        }
        // Only patterns with placeholders go through MessageFormat: it would eat the apostrophe of "server's"
        // in a text that is merely offered a detail it does not show.
        return params.length == 0 || pattern.indexOf('{') < 0
                ? pattern
                : new MessageFormat(pattern, locale).format(params);
    }

    private static @Nullable String lookup(String key, Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
