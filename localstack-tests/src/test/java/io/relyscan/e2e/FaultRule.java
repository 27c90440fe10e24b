package io.relyscan.e2e;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault {@link FaultProxy} injects: which calls it matches, what it answers instead of the real response, and
 * when. Immutable; every method returns a changed copy:
 * <pre>{@code
 * FaultRule.matching("ec2", "us-east-1", "DescribeInstances")
 *         .respond(FaultRule.Kind.THROTTLE).probability(0.3).seed(7).forDuration(Duration.ofSeconds(20))
 * }</pre>
 *
 * @param service       SigV4 signing name of the service ({@code ec2}, {@code rds}, {@code autoscaling},
 *                      {@code elasticloadbalancing} (ELB and ELBv2), {@code monitoring} (CloudWatch), {@code backup},
 *                      {@code config}, {@code sns}, {@code sts}); null matches every service
 * @param region        region of the credential scope; null matches every region
 * @param operation     API operation name ({@code DescribeInstances}, {@code ListBackupPlans}); null matches all
 * @param kind          what to answer
 * @param status        HTTP status of {@link Kind#ERROR} (other kinds choose their own)
 * @param code          AWS error code of {@link Kind#ERROR}
 * @param message       error message of {@link Kind#ERROR}
 * @param delay         how long {@link Kind#DELAY} holds the real response back
 * @param probability   chance that a matching request gets the fault, drawn from a {@code Random(seed)}
 * @param seed          seed of that Random: the sequence of decisions is the same on every run
 * @param skipFirst     matching requests that pass untouched before the rule becomes active
 * @param activeFor     how long the rule stays active, from the first request it could hit (after
 *                      {@code skipFirst}); null for ever
 * @param limit         at most this many faults; 0 for no limit
 * @param aboveRate     when positive, only requests beyond this many per second per (service, region) get the
 *                      fault, as AWS throttles a caller that exceeds its rate (a token bucket holding one
 *                      second's worth, full at the first request); 0 for every matching request
 * @param bodyContains  when not null, only requests whose body contains this text (as sent, e.g. URL-encoded
 *                      for query protocols) match: to tell apart calls of one operation, such as sts:AssumeRole
 *                      of the role in one account ({@code RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333})
 */
public record FaultRule(String service, String region, String operation, Kind kind, int status, String code,
                        String message, Duration delay, double probability, long seed, int skipFirst,
                        Duration activeFor, int limit, double aboveRate, String bodyContains) {
    /** What a matching request gets instead of the real response. */
    public enum Kind {
        /** The service's own throttling error (EC2: 503 RequestLimitExceeded; query: 400 Throttling; JSON: 400 ThrottlingException). */
        THROTTLE,
        /** HTTP 500 InternalFailure in the service's protocol. */
        HTTP_500,
        /** HTTP 503 ServiceUnavailable in the service's protocol. */
        HTTP_503,
        /** The connection is reset before any response (TCP RST). */
        CONNECTION_RESET,
        /** The real response, held back by {@code delay}. */
        DELAY,
        /** HTTP 200 with a body that is not XML/JSON at all. */
        MALFORMED_BODY,
        /** The real response with its body cut in half (Content-Length matches the cut body). */
        TRUNCATED_BODY,
        /** {@code status}, {@code code} and {@code message} in the service's protocol (AccessDenied, ExpiredToken…). */
        ERROR
    }

    public FaultRule {
        Objects.requireNonNull(kind, "kind");
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
        if (skipFirst < 0 || limit < 0 || aboveRate < 0) {
            throw new IllegalArgumentException("skipFirst, limit and aboveRate must not be negative");
        }
        if (kind == Kind.ERROR && (status < 400 || code == null)) {
            throw new IllegalArgumentException("an ERROR rule needs a 4xx/5xx status and a code");
        }
        if (kind == Kind.DELAY && (delay == null || delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("a DELAY rule needs a positive delay");
        }
    }

    /** A rule for these calls (null = any), throttling every one of them until changed. */
    public static FaultRule matching(String service, String region, String operation) {
        return new FaultRule(service, region, operation, Kind.THROTTLE, 0, null, null, null, 1.0, 0L, 0, null, 0,
                0, null);
    }

    public FaultRule respond(Kind newKind) {
        return new FaultRule(service, region, operation, newKind, status, code, message, delay, probability, seed,
                skipFirst, activeFor, limit, aboveRate, bodyContains);
    }

    /** {@link Kind#ERROR}: this status, AWS error code and message, in the service's protocol. */
    public FaultRule error(int newStatus, String newCode, String newMessage) {
        return new FaultRule(service, region, operation, Kind.ERROR, newStatus, newCode, newMessage, delay,
                probability, seed, skipFirst, activeFor, limit, aboveRate, bodyContains);
    }

    /** {@link Kind#DELAY}: the real response, this much later. */
    public FaultRule delayedBy(Duration newDelay) {
        return new FaultRule(service, region, operation, Kind.DELAY, status, code, message, newDelay, probability,
                seed, skipFirst, activeFor, limit, aboveRate, bodyContains);
    }

    public FaultRule probability(double p) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, p, seed, skipFirst,
                activeFor, limit, aboveRate, bodyContains);
    }

    public FaultRule seed(long s) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, probability, s,
                skipFirst, activeFor, limit, aboveRate, bodyContains);
    }

    /** Active for this long from the first request it could hit. */
    public FaultRule forDuration(Duration d) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, probability, seed,
                skipFirst, d, limit, aboveRate, bodyContains);
    }

    /** The first {@code n} matching requests pass untouched. */
    public FaultRule afterRequests(int n) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, probability, seed, n,
                activeFor, limit, aboveRate, bodyContains);
    }

    /** At most {@code n} faults. */
    public FaultRule limit(int n) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, probability, seed,
                skipFirst, activeFor, n, aboveRate, bodyContains);
    }

    /** Only requests beyond {@code perSecond} per second per (service, region) get the fault. */
    public FaultRule aboveRate(double perSecond) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, probability, seed,
                skipFirst, activeFor, limit, perSecond, bodyContains);
    }

    /** Only requests whose body contains {@code text} (as sent on the wire) match. */
    public FaultRule bodyContaining(String text) {
        return new FaultRule(service, region, operation, kind, status, code, message, delay, probability, seed,
                skipFirst, activeFor, limit, aboveRate, text);
    }

    /** Whether a request to this service, region and operation is one this rule is about. */
    boolean matches(String requestService, String requestRegion, String requestOperation) {
        return (service == null || service.equals(requestService))
                && (region == null || region.equals(requestRegion))
                && (operation == null || operation.equals(requestOperation));
    }

    /** {@link #matches(String, String, String)}, and the body condition when there is one. */
    boolean matches(String requestService, String requestRegion, String requestOperation, String body) {
        return matches(requestService, requestRegion, requestOperation)
                && (bodyContains == null || (body != null && body.contains(bodyContains)));
    }
}
