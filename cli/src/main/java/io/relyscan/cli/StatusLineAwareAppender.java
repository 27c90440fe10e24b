package io.relyscan.cli;

import ch.qos.logback.core.ConsoleAppender;

/**
 * The console appender of logback.xml: writes each log line around the progress display's status line (see
 * {@link TerminalLine}), so a warning printed during a scan does not land in the middle of the status line.
 *
 * @param <E> the logging event type
 */
public final class StatusLineAwareAppender<E> extends ConsoleAppender<E> {
    @Override
    protected void subAppend(E event) {
        TerminalLine.aroundActive(() -> super.subAppend(event));
    }
}
