package io.relyscan.collectors;

/** The calling thread was interrupted (scan deadline or shutdown) while waiting for a permit or a retry. */
final class InterruptedCallException extends RuntimeException {
    InterruptedCallException(InterruptedException cause) {
        super("interrupted while waiting to call AWS", cause);
    }
}
