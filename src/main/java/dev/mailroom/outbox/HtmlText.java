package dev.mailroom.outbox;

import org.jsoup.Jsoup;

/**
 * The words of an HTML body as plain text, for the text part of a message that came with HTML only: line breaks
 * where the HTML breaks lines or ends a block, no markup, no script or style (jsoup, which Vaadin brings).
 */
final class HtmlText {

    /** A private-use character no text has: a line break once jsoup has collapsed the whitespace. */
    private static final String BREAK = "\uE000";

    private HtmlText() {}

    static String of(String html) {
        var document = Jsoup.parse(html);
        document.select("script, style, head").remove();
        document.select("br").after(BREAK);
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, table")
                .after(BREAK + BREAK);
        return document.text()
                .replace(" " + BREAK, BREAK)
                .replace(BREAK + " ", BREAK)
                .replace(BREAK, "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
