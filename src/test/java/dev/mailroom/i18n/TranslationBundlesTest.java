package dev.mailroom.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TranslationBundlesTest {

    private static Properties bundle(String language) throws IOException {
        var props = new Properties();
        try (var in = TranslationBundlesTest.class.getResourceAsStream(
                "/" + TranslationProvider.BUNDLE + "_" + language + ".properties")) {
            assertThat(in).as("bundle for " + language).isNotNull();
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return props;
    }

    @Test
    void everyLanguageHasExactlyTheSameKeys() throws IOException {
        var english = bundle("en").stringPropertyNames();
        for (var locale : Languages.SUPPORTED) {
            assertThat(bundle(locale.getLanguage()).stringPropertyNames())
                    .as("keys of " + locale)
                    .containsExactlyInAnyOrderElementsOf(english);
        }
    }

    @Test
    void noTranslationIsBlank() throws IOException {
        for (var locale : Languages.SUPPORTED) {
            var props = bundle(locale.getLanguage());
            assertThat(props.stringPropertyNames())
                    .allSatisfy(key -> assertThat(props.getProperty(key))
                            .as(locale + " " + key)
                            .isNotBlank());
        }
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        var literalKey = Pattern.compile("getTranslation\\(\"([^\"]+)\"\\s*[,)]");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var matcher = literalKey.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(bundle("en").stringPropertyNames()).containsAll(used);
    }

    @Test
    void theProviderSpeaksEachLanguageAndFallsBackToEnglish() {
        var provider = new TranslationProvider();
        assertThat(provider.getTranslation("nav.users", Languages.POLISH)).isEqualTo("Użytkownicy");
        assertThat(provider.getTranslation("nav.users", Languages.INDONESIAN)).isEqualTo("Pengguna");
        assertThat(provider.getTranslation("nav.users", Locale.GERMAN)).isEqualTo("Users");
        assertThat(provider.getTranslation("home.welcome", Languages.POLISH, "Ada"))
                .isEqualTo("Witaj, Ada");
    }

    @Test
    void countsAgreeWithTheirNumber() {
        var provider = new TranslationProvider();
        assertThat(provider.getTranslation("throttle.too-many", java.util.Locale.ENGLISH, 1))
                .isEqualTo("Too many attempts. Try again in 1 second.");
        assertThat(provider.getTranslation("throttle.too-many", java.util.Locale.ENGLISH, 42))
                .isEqualTo("Too many attempts. Try again in 42 seconds.");
        assertThat(provider.getTranslation("console.default.usage", java.util.Locale.ENGLISH, 1, 0))
                .isEqualTo("1 tenant uses it; 0 of them have mail problems.");
        assertThat(provider.getTranslation("console.default.usage", java.util.Locale.ENGLISH, 12, 1))
                .isEqualTo("12 tenants use it; 1 of them has mail problems.");
    }

    @Test
    void indonesianSaysPasswordOneWay() throws IOException {
        var bundle = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/i18n/translations_id.properties")) {
            bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(bundle.values())
                .map(Object::toString)
                .noneMatch(text -> text.matches("(?is).*(?<!kata )\\bsandi\\b.*"));
    }

    @Test
    void aTextWithoutPlaceholdersKeepsItsApostrophesWhenGivenADetail() {
        var provider = new TranslationProvider();
        assertThat(provider.getTranslation("mail.explain.untrusted", Locale.ENGLISH, "PKIX path building failed"))
                .startsWith("The server's certificate");
    }

    /** MessageFormat reads a lone apostrophe as the start of a quote and swallows the text after it. */
    @Test
    void textsWithPlaceholdersDoubleTheirApostrophes() throws IOException {
        var loneApostrophe = Pattern.compile("(?<!')'(?!')");
        for (var locale : Languages.SUPPORTED) {
            var props = bundle(locale.getLanguage());
            assertThat(props.stringPropertyNames()).allSatisfy(key -> {
                String text = props.getProperty(key);
                if (text.contains("{")) {
                    assertThat(loneApostrophe.matcher(text).find())
                            .as(locale + " " + key + ": " + text)
                            .isFalse();
                }
            });
        }
    }
}
