package io.relyscan.report.snapshot;

import io.relyscan.core.error.InputException;
import io.relyscan.report.TerminalText;

/** Error messages of the snapshot reader: {@code source:line:column: field.path: problem}. */
final class Problems {
    private static final int QUOTE_MAX = 80;
    private static final int TEXT_MAX = 200;

    private Problems() {
    }

    static InputException at(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(problem);
        return new InputException(sb.toString());
    }

    static InputException at(String source, JsonNode node, String path, String problem) {
        return at(source, node.line, node.column, path, problem);
    }

    /** A value from the file, quoted, made safe to print and cut short: the file may be hostile. */
    static String quote(String value) {
        return "\"" + cut(TerminalText.sanitize(value), QUOTE_MAX) + "\"";
    }

    static String cap(String text) {
        return cut(TerminalText.sanitize(text), TEXT_MAX);
    }

    private static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
    }
}
