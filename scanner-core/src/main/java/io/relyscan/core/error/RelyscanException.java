package io.relyscan.core.error;

/** Root of relyscan's unchecked exceptions. Messages say what went wrong and how to fix it. */
public class RelyscanException extends RuntimeException {
    public RelyscanException(String message) {
        super(message);
    }

    public RelyscanException(String message, Throwable cause) {
        super(message, cause);
    }
}
