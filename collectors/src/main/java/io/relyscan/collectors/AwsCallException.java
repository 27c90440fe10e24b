package io.relyscan.collectors;

import io.relyscan.core.error.RelyscanException;
import io.relyscan.core.inventory.GapReason;

/**
 * An AWS call made outside collection (identity, region discovery) failed. The message is one line, says what
 * went wrong and never contains credentials.
 */
public class AwsCallException extends RelyscanException {
    private final GapReason reason;

    public AwsCallException(GapReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public GapReason reason() {
        return reason;
    }
}
