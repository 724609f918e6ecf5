package dev.mailroom.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What a page says and how it says it, checked in the browser: axe-core's WCAG 2.2 A/AA rules, and the
 * words on it (text and accessible names, inside the components' shadow roots too) against the language the
 * page is in. A word of another bundle, or a common English interface word, that the page's own bundle does
 * not use is English (or Polish, or Indonesian) left in the page.
 */
final class PageAudit {

    private static final String AXE = resource("/axe.min.js");
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final Pattern WORD = Pattern.compile("[\\p{L}]{3,}");
    private static final Pattern ADDRESS = Pattern.compile("\\S*[@.:/]\\S*[\\p{L}\\d]");

    /**
     * Interface words of the web components' own English (Vaadin's defaults), which no bundle needs to contain
     * for them to show: a missing i18n object would show these.
     */
    private static final Set<String> ENGLISH_INTERFACE_WORDS = Set.of(
            "show",
            "hide",
            "password",
            "toggle",
            "navigation",
            "panel",
            "upload",
            "file",
            "files",
            "drop",
            "here",
            "remove",
            "retry",
            "start",
            "clear",
            "today",
            "cancel",
            "select",
            "loading",
            "items",
            "item",
            "close",
            "open",
            "menu",
            "previous",
            "next",
            "month",
            "year",
            "week",
            "selected",
            "required",
            "sign",
            "forgot",
            "username",
            "incorrect",
            "check",
            "the",
            "and",
            "with",
            "your",
            "this",
            "that",
            "from",
            "not",
            "for");

    /** Names, brands and protocol words every language writes the same way. */
    private static final Set<String> SHARED_WORDS = Set.of(
            "mailroom",
            "smtp",
            "oauth",
            "tls",
            "ssl",
            "starttls",
            "microsoft",
            "entra",
            "google",
            "gmail",
            "xoauth",
            "plain",
            "login",
            "pem",
            "url",
            "uri",
            "mime",
            "utc",
            "wib",
            "cet",
            "cest",
            "acme",
            "globex",
            "example",
            "com",
            "org",
            "net",
            "localhost",
            "ehlo",
            "auth",
            "quit",
            "data",
            "mail",
            "rcpt",
            "noreply");

    private PageAudit() {}

    /** axe-core's violations of WCAG 2.2 A and AA on the page as it is now, one line per element. */
    static List<String> accessibilityViolations(WebDriver browser) {
        var js = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(AXE);
        }
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                // Vaadin's development tools are not the product (production has none).
                const page = {include: [document], exclude: [['copilot-main'], ['vaadin-dev-tools']]};
                axe.run(page, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                        v.id + ' (' + v.impact + '): ' + v.help + ' at ' + JSON.stringify(n.target) + ': '
                        + (n.failureSummary || '').replace(/\\s+/g, ' ')))),
                         e => done(['axe failed: ' + e]));
                """, WCAG_22_AA);
        return strings(found);
    }

    /** Every visible text and accessible name on the page, shadow roots included. */
    static List<String> texts(WebDriver browser) {
        Object found = ((JavascriptExecutor) browser).executeScript("""
                const out = [];
                const visible = el => el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
                const walk = root => {
                  for (const node of root.childNodes) {
                    if (node.nodeType === Node.TEXT_NODE) {
                      const text = node.textContent.trim();
                      if (text && visible(node.parentElement)) out.push(text);
                    } else if (node.nodeType === Node.ELEMENT_NODE) {
                      // PRE and CODE hold text shown as it is (a mail as received, a PEM block): data, not words.
                      if (['SCRIPT', 'STYLE', 'TEMPLATE', 'PRE', 'CODE', 'COPILOT-MAIN', 'VAADIN-DEV-TOOLS']
                          .includes(node.tagName)) {
                        continue;
                      }
                      if (visible(node)) {
                        for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
                          const v = node.getAttribute(a);
                          if (v && v.trim()) out.push(v.trim());
                        }
                      }
                      if (node.shadowRoot) walk(node.shadowRoot);
                      walk(node);
                    }
                  }
                };
                walk(document.body);
                out.push(document.title);
                return out;
                """);
        return strings(found);
    }

    /**
     * The words on the page that belong to another language than {@code language}: words of the other
     * bundles (and, outside English, common English interface words) that {@code language}'s bundle never uses.
     * {@code data} are values the test put on the page (names of people and tenants), not the product's words.
     */
    static List<String> foreignWords(List<String> texts, String language, Set<String> data) {
        Set<String> own = words(bundle(language));
        Set<String> foreign = new HashSet<>();
        for (String other : List.of("en", "pl", "id")) {
            if (!other.equals(language)) {
                foreign.addAll(words(bundle(other)));
            }
        }
        if (!language.equals("en")) {
            foreign.addAll(ENGLISH_INTERFACE_WORDS);
        }
        foreign.removeAll(own);
        foreign.removeAll(SHARED_WORDS);
        var found = new ArrayList<String>();
        for (String text : texts) {
            String said = text;
            // Longest first, so that a name is not cut up by a shorter one inside it.
            for (String value : data.stream()
                    .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                    .toList()) {
                said = said.replace(value, " ");
            }
            // Addresses and host names are data, whatever words they are made of.
            said = ADDRESS.matcher(said).replaceAll(" ");
            var words = WORD.matcher(said.toLowerCase(Locale.ROOT));
            while (words.find()) {
                if (foreign.contains(words.group())) {
                    found.add("\"" + words.group() + "\" in \"" + text + "\"");
                    break;
                }
            }
        }
        return found;
    }

    private static Set<String> words(Properties bundle) {
        Set<String> words = new HashSet<>();
        for (String key : bundle.stringPropertyNames()) {
            var m = WORD.matcher(bundle.getProperty(key).toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static Properties bundle(String language) {
        var bundle = new Properties();
        try (InputStream in = PageAudit.class.getResourceAsStream("/i18n/translations_" + language + ".properties")) {
            bundle.load(new java.io.InputStreamReader(Objects.requireNonNull(in), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle;
    }

    private static List<String> strings(Object found) {
        return found instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(found));
    }

    private static String resource(String name) {
        try (InputStream in = PageAudit.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
