package io.relyscan.core.inventory;

/** Why something could not be collected. */
public enum GapReason {
    ACCESS_DENIED("access denied: the credentials lack the IAM permission"),
    THROTTLED("throttled by AWS: retries were exhausted"),
    TIMEOUT("timed out"),
    BREAKER_OPEN("circuit breaker open: the endpoint failed repeatedly and was short-circuited"),
    REGION_NOT_ENABLED("region not enabled for the account"),
    ENDPOINT_UNREACHABLE("endpoint unreachable (connection refused, reset or DNS failure)"),
    SERVICE_ERROR("service error (5xx) after retries"),
    INVALID_RESPONSE("response could not be parsed"),
    INVALID_CREDENTIALS("credentials invalid or expired"),
    REQUEST_REJECTED("request rejected by the service (validation error or unsupported operation)"),
    DEADLINE_EXCEEDED("scan deadline passed before collection finished"),
    UNKNOWN("unexpected error");

    private final String description;

    GapReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
