package io.relyscan.core.scan;

import io.relyscan.core.error.RelyscanException;
import io.relyscan.core.inventory.GapReason;

/** A collection failure, already classified. The message must never contain credentials. */
public class CollectionException extends RelyscanException {
    private final String operation;
    private final GapReason reason;

    public CollectionException(String operation, GapReason reason, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.reason = reason;
    }

    public String operation() {
        return operation;
    }

    public GapReason reason() {
        return reason;
    }
}
