package io.relyscan.collectors;

import io.relyscan.core.inventory.GapReason;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remembers that AWS rejected the credentials of an account, so that no further call is sent with them.
 * Thread-safe. Each account of a multi-account scan has its own credentials (its assumed role's), so a rejection
 * in one account never stops the calls to another.
 *
 * <p>Expired credentials (an expired session token) are expired everywhere: once one call says so, no call to
 * that account is attempted any more. Other rejections ({@code InvalidClientTokenId}, {@code AuthFailure}, ...)
 * stop the calls to that region only, because the same credentials may be valid elsewhere: an opt-in region
 * the account has not enabled answers {@code AuthFailure} to credentials that work in every other region.
 */
final class RejectedCredentials {
    /** Error codes that mean the credentials' time ran out rather than that they are wrong. */
    static final Set<String> EXPIRED_CODES = Set.of("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired");

    /**
     * The first rejection seen.
     *
     * @param code      the AWS error code, e.g. {@code ExpiredToken}
     * @param message   AWS's message, scrubbed
     * @param endpoint  where it was seen
     * @param operation the operation that saw it
     */
    record Rejection(String code, String message, EndpointKey endpoint, String operation) {
        boolean expired() {
            return EXPIRED_CODES.contains(code);
        }

        /** One line naming the cause, e.g. "AWS credentials expired during the scan (ExpiredToken: ...)". */
        String describe() {
            String what = expired() ? "AWS credentials expired during the scan"
                    : "AWS rejected the credentials in " + endpoint.region();
            String cause = message.isBlank() ? code : code + ": " + message;
            return what + " (" + cause + ", first seen on " + endpoint.service() + ":" + operation + ")";
        }
    }

    /** By account. */
    private final Map<String, Rejection> expired = new ConcurrentHashMap<>();
    /** By account and region. */
    private final Map<String, Rejection> byRegion = new ConcurrentHashMap<>();
    private final LongAdder callsNotAttempted = new LongAdder();

    /** Records a failure classified {@link GapReason#INVALID_CREDENTIALS}; other failures are ignored. */
    void record(EndpointKey endpoint, String operation, ErrorClassifier.Classification failure) {
        if (failure.reason() != GapReason.INVALID_CREDENTIALS) {
            return;
        }
        Rejection r = new Rejection(failure.code(), messageOf(failure), endpoint, operation);
        if (r.expired()) {
            expired.putIfAbsent(endpoint.account(), r);
        } else {
            byRegion.putIfAbsent(regionKey(endpoint), r);
        }
    }

    /** The rejection that forbids calling this endpoint, if any; counts the call as not attempted. */
    Optional<Rejection> forbids(EndpointKey endpoint) {
        Rejection r = expired.get(endpoint.account());
        if (r == null) {
            r = byRegion.get(regionKey(endpoint));
        }
        if (r != null) {
            callsNotAttempted.increment();
        }
        return Optional.ofNullable(r);
    }

    private static String regionKey(EndpointKey endpoint) {
        return endpoint.account() + "/" + endpoint.region();
    }

    /**
     * The one line a user needs when the credentials were rejected during the scan, empty when they never were.
     */
    Optional<String> summary() {
        Comparator<Rejection> where = Comparator.comparing((Rejection x) -> x.endpoint().account())
                .thenComparing(x -> x.endpoint().region());
        Rejection r = expired.values().stream().min(where).orElse(null);
        if (r == null) {
            r = byRegion.values().stream().min(where).orElse(null);
        }
        if (r == null) {
            return Optional.empty();
        }
        long skipped = callsNotAttempted.sum();
        long accounts = java.util.stream.Stream.concat(expired.values().stream(), byRegion.values().stream())
                .map(x -> x.endpoint().account()).distinct().count();
        String regions;
        if (accounts > 1) {
            regions = " (in account " + r.endpoint().account() + ", and in " + (accounts - 1) + " more account"
                    + (accounts > 2 ? "s" : "") + ")";
        } else {
            regions = r.expired() || byRegion.size() <= 1 ? ""
                    : " (and in " + (byRegion.size() - 1) + " more region" + (byRegion.size() > 2 ? "s" : "") + ")";
        }
        return Optional.of(r.describe() + regions + "; " + skipped + " later call" + (skipped == 1 ? " was" : "s were")
                + " not attempted" + (r.expired() ? "" : " there")
                + "; refresh the credentials (e.g. aws sso login, or new session keys) and scan again");
    }

    /** The message of a call not attempted because of {@code r}. */
    static String notAttempted(Rejection r) {
        return "not attempted: " + r.describe();
    }

    private static String messageOf(ErrorClassifier.Classification c) {
        String detail = c.detail();
        String prefix = c.code() + (c.httpStatus() > 0 ? " (HTTP " + c.httpStatus() + ")" : "") + ": ";
        String message = detail.startsWith(prefix) ? detail.substring(prefix.length()) : "";
        int requestId = message.indexOf(" [request id ");
        return MessageScrubber.scrub(requestId >= 0 ? message.substring(0, requestId) : message);
    }
}
