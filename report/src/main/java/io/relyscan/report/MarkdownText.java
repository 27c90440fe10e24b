package io.relyscan.report;

/**
 * Text from the scanned accounts made safe for GitHub-flavoured Markdown, both in table cells and inline: it
 * renders as the literal text, never as markup, a link, an HTML tag or an extra table column.
 *
 * <ul>
 *   <li>{@code &}, {@code <} and {@code >} become {@code &amp;}, {@code &lt;} and {@code &gt;}, so no HTML tag
 *   or entity survives;</li>
 *   <li>Markdown punctuation ({@code \ ` * _ [ ] ( ) # | ~ !}) gets a backslash, so {@code |} cannot split a
 *   table cell and {@code [x](y)}, {@code **b**} or a code span render as text;</li>
 *   <li>a leading {@code -}, {@code +} or {@code =} gets a backslash (no list item or heading underline);</li>
 *   <li>each run of CR and LF becomes one space, a tab a space, other control characters, bidirectional
 *   overrides and unpaired surrogates U+FFFD; leading and trailing whitespace is dropped.</li>
 * </ul>
 */
final class MarkdownText {
    private static final String PUNCTUATION = "\\`*_[]()#|~!";

    private MarkdownText() {
    }

    /** The escaped text; null is the empty string. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        s = s.strip();
        StringBuilder sb = new StringBuilder(s.length() + 16);
        boolean lastWasBreak = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r' || cp == '\n') {
                if (!lastWasBreak) {
                    sb.append(' ');
                }
                lastWasBreak = true;
                continue;
            }
            lastWasBreak = false;
            if (sb.isEmpty() && (cp == '-' || cp == '+' || cp == '=')) {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '&') {
                sb.append("&amp;");
            } else if (cp == '<') {
                sb.append("&lt;");
            } else if (cp == '>') {
                sb.append("&gt;");
            } else if (cp < 0x80 && PUNCTUATION.indexOf(cp) >= 0) {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append(' ');
            } else if (unsafe(cp)) {
                sb.append('\uFFFD');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xD800 && cp <= 0xDFFF)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E
                || cp == 0x200F || cp == 0x061C;
    }
}
