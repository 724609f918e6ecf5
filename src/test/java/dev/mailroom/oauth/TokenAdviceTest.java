package dev.mailroom.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.i18n.TranslationProvider;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a refused or unreachable token endpoint tells the admin to check names only the chosen provider's fields. */
class TokenAdviceTest {

    final TranslationProvider translations = new TranslationProvider();
    final TokenEndpoint microsoft = new TokenEndpoint.Microsoft("contoso.onmicrosoft.com");
    final TokenEndpoint other = new TokenEndpoint.Url("https://idp.example.com/token");

    String advice(String errorCode, TokenEndpoint endpoint, Locale language) {
        var failure = new TokenRequestFailedException(errorCode, null, null).from(endpoint);
        return translations.getTranslation(failure.explanationKey(), language, errorCode);
    }

    @Test
    void microsoftAdviceNamesTheDirectoryAndNeverATokenUrl() {
        assertThat(advice("invalid_client", microsoft, Locale.ENGLISH))
                .contains("directory ID")
                .doesNotContain("token URL");
        assertThat(advice("unreachable", microsoft, Locale.ENGLISH))
                .contains("directory ID")
                .doesNotContain("token URL");
    }

    @Test
    void anyOtherProvidersAdviceNamesTheTokenUrlAndNeverADirectory() {
        for (var language : new Locale[] {Locale.ENGLISH, Locale.forLanguageTag("pl"), Locale.forLanguageTag("id")}) {
            assertThat(advice("invalid_client", other, language))
                    .as(language.toString())
                    .doesNotContainIgnoringCase("directory")
                    .doesNotContainIgnoringCase("katalog")
                    .doesNotContainIgnoringCase("direktori");
            assertThat(advice("timeout", other, language))
                    .as(language.toString())
                    .containsIgnoringCase("URL");
        }
    }
}
