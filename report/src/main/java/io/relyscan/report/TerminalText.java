package io.relyscan.report;

/**
 * Makes untrusted text (resource names, tags, AWS error messages, evidence) safe to print on a terminal.
 *
 * <p>A resource name is chosen by whoever can create resources in the account. Printed raw, it could move
 * the cursor, recolour or erase lines, forge a whole "all clear" line with a carriage return, or reverse the
 * visible order of characters with bidi overrides. So, on one line of output:
 * <ul>
 *   <li>every ANSI/ECMA-48 escape sequence (ESC-introduced, including terminated OSC/DCS strings such as
 *   window titles and hyperlinks, and the 8-bit CSI) becomes one {@code U+FFFD};</li>
 *   <li>line and tab breaks (CR, LF, VT, FF, TAB, NEL, U+2028, U+2029) become a space;</li>
 *   <li>every other control or format character (C0, DEL, C1, bidi embeddings, overrides and isolates,
 *   zero-width characters, BOM) and every unpaired surrogate becomes {@code U+FFFD}.</li>
 * </ul>
 * The replacement is visible on purpose: the reader sees that the name contained something odd.
 */
public final class TerminalText {
    /** What replaces a removed escape sequence or control character. */
    public static final char REPLACEMENT = '\uFFFD';

    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;
    private static final char C1_CSI = 0x9B;
    private static final char C1_ST = 0x9C;

    private TerminalText() {
    }

    /** The text, safe to print on one terminal line; null becomes the empty string. */
    public static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        if (isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ESC || c == C1_CSI) {
                i = skipEscapeSequence(text, i);
                out.append(REPLACEMENT);
                continue;
            }
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isSurrogate(c) && len == 1) {
                out.append(REPLACEMENT);
            } else if (isBreak(cp)) {
                out.append(' ');
            } else if (isUnsafe(cp)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out.toString();
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || (c > 0x9F && isUnsafe(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBreak(int cp) {
        return cp == '\t' || cp == '\n' || cp == 0x0B || cp == 0x0C || cp == '\r' || cp == 0x85
                || cp == 0x2028 || cp == 0x2029;
    }

    private static boolean isUnsafe(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** Returns the index just past the escape sequence starting at {@code start}. */
    private static int skipEscapeSequence(String s, int start) {
        char c = s.charAt(start);
        int i = start + 1;
        if (c == C1_CSI) {
            return skipCsiBody(s, i);
        }
        if (i >= s.length()) {
            return i;
        }
        char next = s.charAt(i);
        if (next == '[') {
            return skipCsiBody(s, i + 1);
        }
        if (next == ']' || next == 'P' || next == 'X' || next == '^' || next == '_') {
            return skipControlString(s, i + 1);
        }
        // nF escapes: intermediates 0x20-0x2F, then a final byte 0x30-0x7E.
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) {
            i++;
        }
        if (i < s.length() && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7E) {
            i++;
        }
        return i;
    }

    /** CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E. */
    private static int skipCsiBody(String s, int i) {
        while (i < s.length() && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x3F) {
            i++;
        }
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) {
            i++;
        }
        if (i < s.length() && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7E) {
            i++;
        }
        return i;
    }

    /**
     * A control string (OSC, DCS, SOS, PM, APC) runs to BEL, ESC \ or C1 ST. When it is not terminated only
     * its introducer is dropped: the rest is printable once sanitized, and hiding it would hide data.
     */
    private static int skipControlString(String s, int start) {
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == BEL || c == C1_ST) {
                return i + 1;
            }
            if (c == ESC) {
                // ESC \ is the terminator; any other ESC starts a new sequence, handled by the caller.
                return i + 1 < s.length() && s.charAt(i + 1) == '\\' ? i + 2 : i;
            }
            i++;
        }
        return start;
    }
}
