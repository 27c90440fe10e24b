package io.relyscan.report.html;

/**
 * Escaping for the HTML report. Every string that comes from a scanned account (resource names, tag values,
 * messages, evidence, waiver texts) goes through {@link #escape} before it is written into the page, in text and
 * in attribute values alike: the five characters that can end a text run or an attribute are written as
 * character references, so a value can never open a tag or leave its attribute.
 *
 * <p>Characters that are invisible or that reorder text (C0 and C1 controls other than tab and line feed, DEL,
 * bidi and direction marks, line and paragraph separators) are shown as a visible backslash-u escape (such as
 * {@code \\u001B} for ESC) instead, so that a resource name cannot hide or disguise part of itself. report.js
 * applies the same rule to the data it renders. Unpaired surrogates become U+FFFD.
 *
 * <p>A {@code /} right after {@code :} or {@code /} is written as {@code &#47;}: it reads the same, but the file
 * never holds the text {@code http://} or {@code //host}, even when a tag value does, so "the report holds no URL"
 * stays true and checkable with grep.
 */
public final class Html {
    private Html() {
    }

    /** The value escaped for HTML text or a quoted attribute value; null is the empty string. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(value, i, c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (replacement.isEmpty()) { // a valid surrogate pair: copy both halves
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(replacement);
            }
        }
        return out == null ? value : out.toString();
    }

    /** The text for {@code c}, "" for the first half of a valid surrogate pair, or null to keep it. */
    private static String replacement(String value, int i, char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&#39;";
            case '/': // never "://" or "//": no text in the page reads as a URL (see the class comment)
                return i > 0 && (value.charAt(i - 1) == ':' || value.charAt(i - 1) == '/') ? "&#47;" : null;
            default:
                break;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)) ? "" : "\uFFFD";
        }
        if (Character.isLowSurrogate(c)) {
            return "\uFFFD";
        }
        return invisible(c) ? String.format("\\u%04X", (int) c) : null;
    }

    /** Characters shown as a backslash-u escape: the same set as report.js's CONTROL pattern. */
    static boolean invisible(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E
                || c == 0x200F || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
