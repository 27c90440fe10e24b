package io.relyscan.collectors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.relyscan.core.inventory.GapReason;
import org.apache.http.NoHttpResponseException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps whatever an AWS call threw to a {@link GapReason}, and says whether it is worth retrying and whether it
 * counts against the endpoint's health (circuit breaker). Pure and thread-safe.
 */
public final class ErrorClassifier {
    /** Error codes AWS services use for rate limiting. */
    static final Set<String> THROTTLING_CODES = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
            "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "PriorRequestNotComplete",
            "EC2ThrottledException", "TransactionInProgressException");
    /** Quota errors that mean rate limiting when the message speaks of a rate (read calls create nothing). */
    static final Set<String> LIMIT_EXCEEDED_CODES = Set.of("LimitExceededException", "LimitExceeded");
    static final Set<String> ACCESS_DENIED_CODES = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
            "UnauthorizedAccessException", "AuthorizationError", "AuthorizationErrorException", "Forbidden",
            "ForbiddenException", "NotAuthorized", "NotAuthorizedException");
    static final Set<String> REGION_NOT_ENABLED_CODES = Set.of(
            "OptInRequired", "RegionDisabledException", "RegionNotEnabled", "RegionNotEnabledException",
            "InvalidRegion.NotEnabled");
    static final Set<String> INVALID_CREDENTIALS_CODES = Set.of(
            "InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException",
            "RequestExpired", "SignatureDoesNotMatch", "AuthFailure", "IncompleteSignature",
            "InvalidSignatureException", "InvalidAccessKeyId", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "InvalidToken", "TokenRefreshRequired");
    static final Set<String> TIMEOUT_CODES = Set.of("RequestTimeout", "RequestTimeoutException");
    static final Set<String> SERVICE_ERROR_CODES = Set.of(
            "InternalError", "InternalFailure", "InternalServerError", "InternalServerException",
            "ServiceUnavailable", "ServiceUnavailableException", "ServiceFailure");

    private static final Pattern RATE_WORDS = Pattern.compile("(?i)rate|throttl|too many requests|request limit");
    private static final Pattern REGION_DISABLED_WORDS = Pattern.compile(
            "(?i)region (is )?(not enabled|disabled)|not (enabled|activated) (in|for) this region"
                    + "|is not enabled for this account");

    /**
     * The verdict on one failure.
     *
     * @param reason          the coverage gap reason
     * @param retryable       whether another attempt may succeed
     * @param endpointFailure whether it counts against the endpoint's health (circuit breaker)
     * @param code            the AWS error code, or a short name of the client-side failure
     * @param httpStatus      the HTTP status, 0 when there was no response
     * @param detail          one scrubbed line describing the failure
     */
    public record Classification(GapReason reason, boolean retryable, boolean endpointFailure, String code,
                                 int httpStatus, String detail) {
    }

    private ErrorClassifier() {
    }

    public static Classification classify(Throwable failure) {
        List<Throwable> chain = causes(failure);
        for (Throwable t : chain) {
            if (t instanceof CallNotPermittedException) {
                return new Classification(GapReason.BREAKER_OPEN, false, false, "CircuitBreakerOpen", 0,
                        "circuit breaker open after repeated failures of this endpoint; call not attempted");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SdkServiceException service) {
                return classifyService(service);
            }
        }
        return classifyClient(failure, chain);
    }

    private static Classification classifyService(SdkServiceException e) {
        int status = e.statusCode();
        String code = "";
        String message = "";
        String requestId = e.requestId();
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            AwsErrorDetails d = aws.awsErrorDetails();
            code = d.errorCode() == null ? "" : d.errorCode();
            message = d.errorMessage() == null ? "" : d.errorMessage();
            if (status == 0 && d.sdkHttpResponse() != null) {
                status = d.sdkHttpResponse().statusCode();
            }
        }
        if (code.isEmpty() && message.isEmpty() && e.getMessage() != null) {
            message = e.getMessage();
        }
        String detail = serviceDetail(code, status, message, requestId);
        boolean rateWords = RATE_WORDS.matcher(message).find();
        if (REGION_NOT_ENABLED_CODES.contains(code) || REGION_DISABLED_WORDS.matcher(message).find()) {
            return new Classification(GapReason.REGION_NOT_ENABLED, false, false, code, status, detail);
        }
        if (THROTTLING_CODES.contains(code) || status == 429 || (LIMIT_EXCEEDED_CODES.contains(code) && rateWords)
                || e.isThrottlingException()) {
            return new Classification(GapReason.THROTTLED, true, true, code, status, detail);
        }
        if (INVALID_CREDENTIALS_CODES.contains(code)) {
            return new Classification(GapReason.INVALID_CREDENTIALS, false, false, code, status, detail);
        }
        if (ACCESS_DENIED_CODES.contains(code) || status == 403) {
            return new Classification(GapReason.ACCESS_DENIED, false, false, code, status, detail);
        }
        if (TIMEOUT_CODES.contains(code) || status == 408) {
            return new Classification(GapReason.TIMEOUT, true, true, code, status, detail);
        }
        if (status >= 500 || SERVICE_ERROR_CODES.contains(code)) {
            return new Classification(GapReason.SERVICE_ERROR, true, true, code, status, detail);
        }
        if (status >= 400) {
            return new Classification(GapReason.REQUEST_REJECTED, false, false, code, status, detail);
        }
        return new Classification(GapReason.UNKNOWN, false, false, code, status, detail);
    }

    private static Classification classifyClient(Throwable failure, List<Throwable> chain) {
        String detail = clientDetail(failure, chain);
        if (has(chain, BulkheadFullException.class)) {
            // The call's time budget went waiting for a free slot: nothing to retry, nothing wrong with the endpoint.
            return new Classification(GapReason.TIMEOUT, false, false, "BulkheadFull", 0, detail);
        }
        if (has(chain, ApiCallAttemptTimeoutException.class)) {
            return new Classification(GapReason.TIMEOUT, true, true, "ApiCallAttemptTimeout", 0, detail);
        }
        if (has(chain, ApiCallTimeoutException.class)) {
            return new Classification(GapReason.TIMEOUT, false, true, "ApiCallTimeout", 0, detail);
        }
        if (isInterrupted(chain)) {
            return new Classification(GapReason.DEADLINE_EXCEEDED, false, false, "Interrupted", 0,
                    "call interrupted (scan deadline or shutdown): " + detail);
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure instanceof SdkClientException && message.startsWith("Unable to load credentials")) {
            return new Classification(GapReason.INVALID_CREDENTIALS, false, false, "NoCredentials", 0, detail);
        }
        if (isParseFailure(chain)) {
            return new Classification(GapReason.INVALID_RESPONSE, true, true, "InvalidResponse", 0, detail);
        }
        if (has(chain, SocketTimeoutException.class)) {
            return new Classification(GapReason.TIMEOUT, true, true, "SocketTimeout", 0, detail);
        }
        if (has(chain, UnknownHostException.class) || has(chain, ConnectException.class)
                || has(chain, NoRouteToHostException.class) || has(chain, SocketException.class)
                || has(chain, NoHttpResponseException.class) || has(chain, IOException.class)
                || has(chain, UncheckedIOException.class)
                || (failure instanceof SdkClientException && message.startsWith("Unable to execute HTTP request"))) {
            return new Classification(GapReason.ENDPOINT_UNREACHABLE, true, true, "EndpointUnreachable", 0, detail);
        }
        return new Classification(GapReason.UNKNOWN, false, false, failure.getClass().getSimpleName(), 0, detail);
    }

    private static boolean isInterrupted(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof AbortedException || t instanceof InterruptedException
                    || t instanceof InterruptedCallException) {
                return true;
            }
            // SocketTimeoutException and connect timeouts are InterruptedIOExceptions too, but not interrupts.
            if (t.getClass() == InterruptedIOException.class) {
                return true;
            }
        }
        return false;
    }

    private static boolean isParseFailure(List<Throwable> chain) {
        for (Throwable t : chain) {
            String name = t.getClass().getName();
            if (name.startsWith("javax.xml.stream.") || name.contains("XMLStream") || name.contains("SAXParse")
                    || name.contains("JsonParse") || name.contains("JsonProcessing") || name.contains("JsonEOF")
                    || name.contains("StreamReadException") || name.contains("JsonMappingException")) {
                return true;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof SdkClientException && (m.contains("unmarshall") || m.contains("unable to parse")
                    || m.contains("could not parse"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String serviceDetail(String code, int status, String message, String requestId) {
        StringBuilder sb = new StringBuilder(code.isEmpty() ? "service error" : code);
        if (status > 0) {
            sb.append(" (HTTP ").append(status).append(')');
        }
        if (!message.isBlank()) {
            sb.append(": ").append(message);
        }
        if (requestId != null && !requestId.isBlank()) {
            sb.append(" [request id ").append(requestId).append(']');
        }
        return MessageScrubber.scrub(sb.toString());
    }

    private static String clientDetail(Throwable failure, List<Throwable> chain) {
        StringBuilder sb = new StringBuilder();
        String top = failure.getMessage();
        sb.append(top == null || top.isBlank() ? failure.getClass().getSimpleName() : top);
        Throwable root = chain.get(chain.size() - 1);
        if (root != failure && root.getMessage() != null && (top == null || !top.contains(root.getMessage()))) {
            sb.append(" (caused by ").append(root.getClass().getSimpleName()).append(": ")
                    .append(root.getMessage()).append(')');
        } else if (root != failure && root.getMessage() == null) {
            sb.append(" (caused by ").append(root.getClass().getSimpleName()).append(')');
        }
        return MessageScrubber.scrub(sb.toString());
    }
}
