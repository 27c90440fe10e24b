package io.relyscan.cli;

import java.io.PrintStream;

/**
 * The one status line kept at the bottom of a terminal: redrawn in place with a carriage return and
 * clear-to-end-of-line. While a line is {@linkplain #activate active}, {@link StatusLineAwareAppender} writes each
 * log line {@linkplain #interrupt around} it: the status line is cleared, the log line printed, the status line
 * drawn again below it, so the two never mix on one row.
 */
final class TerminalLine {
    static final String CLEAR_TO_END = "\u001b[K";

    private static volatile TerminalLine active;

    private final PrintStream out;
    private final int width;
    private final Object lock = new Object();
    private String shown = "";

    /**
     * @param width the terminal's columns; text is cut to one less, so that it never wraps (a wrapped line cannot
     *              be redrawn in place)
     */
    TerminalLine(PrintStream out, int width) {
        this.out = out;
        this.width = Math.max(10, width);
    }

    /** Replaces the status line with this text. */
    void show(String text) {
        String fitted = fit(text);
        synchronized (lock) {
            out.print("\r" + fitted + CLEAR_TO_END);
            out.flush();
            shown = fitted;
        }
    }

    /** Removes the status line, leaving the cursor at the start of the empty row. */
    void clear() {
        synchronized (lock) {
            if (!shown.isEmpty()) {
                out.print("\r" + CLEAR_TO_END);
                out.flush();
                shown = "";
            }
        }
    }

    /** Runs a write of whole lines to the same terminal with the status line out of its way. */
    void interrupt(Runnable write) {
        synchronized (lock) {
            String current = shown;
            if (!current.isEmpty()) {
                out.print("\r" + CLEAR_TO_END);
                out.flush();
            }
            try {
                write.run();
            } finally {
                if (!current.isEmpty()) {
                    out.print("\r" + current + CLEAR_TO_END);
                    out.flush();
                }
            }
        }
    }

    private String fit(String text) {
        int max = width - 1;
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max));
    }

    /** Makes this the line that log output must go around. */
    void activate() {
        synchronized (TerminalLine.class) {
            active = this;
        }
    }

    /** Log output no longer goes around this line (a no-op when another line is active). */
    void deactivate() {
        synchronized (TerminalLine.class) {
            if (active == this) {
                active = null;
            }
        }
    }

    /** Runs the write around the active status line, or simply runs it when there is none. */
    static void aroundActive(Runnable write) {
        TerminalLine line = active;
        if (line == null) {
            write.run();
        } else {
            line.interrupt(write);
        }
    }
}
