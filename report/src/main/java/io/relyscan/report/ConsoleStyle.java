package io.relyscan.report;

import io.relyscan.core.rule.Severity;

import java.util.Objects;

/**
 * How the console report is laid out.
 *
 * @param color  whether to emit ANSI colours; when false the output contains no escape sequence at all
 * @param width  the maximum number of characters (code points) on any line
 * @param failOn the severity threshold the CLI fails on, shown so the reader knows which failures count
 */
public record ConsoleStyle(boolean color, int width, Severity failOn) {
    /** Narrower than this, no line could say anything useful. */
    public static final int MIN_WIDTH = 20;
    public static final int DEFAULT_WIDTH = 100;

    public ConsoleStyle {
        Objects.requireNonNull(failOn, "failOn");
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("console width must be at least " + MIN_WIDTH + " columns, got "
                    + width);
        }
    }

    /** No colour, 100 columns, failing on HIGH. */
    public static ConsoleStyle plain() {
        return new ConsoleStyle(false, DEFAULT_WIDTH, Severity.HIGH);
    }
}
