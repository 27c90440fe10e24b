package io.relyscan.collectors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.relyscan.core.inventory.GapReason;
import org.apache.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.internal.AwsErrorCode;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.rds.model.RdsException;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    static AwsServiceException service(String code, int status, String message) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Test")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
                .statusCode(status)
                .requestId("req-1")
                .message(message)
                .build();
    }

    static ErrorClassifier.Classification classify(Throwable t) {
        return ErrorClassifier.classify(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
            "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "PriorRequestNotComplete",
            "EC2ThrottledException", "TransactionInProgressException"})
    void classify_whenThrottlingCode_isThrottledAndRetryable(String code) {
        var c = classify(service(code, 400, "Rate exceeded"));
        assertThat(c.reason()).isEqualTo(GapReason.THROTTLED);
        assertThat(c.retryable()).isTrue();
        assertThat(c.endpointFailure()).isTrue();
        assertThat(c.code()).isEqualTo(code);
    }

    @Test
    void throttlingCodes_coverEveryCodeTheSdkTreatsAsThrottling() {
        // The SDK's own list (its retries are off, so ours must know every code it knows).
        assertThat(ErrorClassifier.THROTTLING_CODES).containsAll(AwsErrorCode.THROTTLING_ERROR_CODES);
        for (String code : AwsErrorCode.THROTTLING_ERROR_CODES) {
            assertThat(classify(service(code, 400, "Rate exceeded")).reason()).as(code).isEqualTo(GapReason.THROTTLED);
        }
    }

    @Test
    void classify_whenCodeTheSdkRetries_isRetried() {
        for (String code : AwsErrorCode.RETRYABLE_ERROR_CODES) {
            var c = classify(service(code, 400, "try again"));
            assertThat(c.retryable()).as(code + " -> " + c.reason()).isTrue();
        }
    }

    @Test
    void classify_whenOptInRequiredSaysRateWords_isStillNotRetried() {
        var c = classify(service("OptInRequired", 401, "Too many requests need a subscription; rate plan required"));
        assertThat(c.reason()).isEqualTo(GapReason.REGION_NOT_ENABLED);
        assertThat(c.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UnrecognizedClientException", "InvalidClientTokenId"})
    void classify_whenUnrecognizedClientWith400Or403_isNeverRetried(String code) {
        for (int status : new int[] {400, 403}) {
            var c = classify(service(code, status, "The security token included in the request is invalid."));
            assertThat(c.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
            assertThat(c.retryable()).isFalse();
        }
    }

    @Test
    void classify_whenNoBulkheadSlotInTime_isTimeoutNotRetriedNotAgainstTheEndpoint() {
        var c = classify(new BulkheadFullException("endpoint"));
        assertThat(c.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @Test
    void classify_whenSlowDownWith503_isThrottledNotServiceError() {
        assertThat(classify(service("SlowDown", 503, "Please reduce your request rate")).reason())
                .isEqualTo(GapReason.THROTTLED);
    }

    @Test
    void classify_whenHttp429WithUnknownCode_isThrottled() {
        var c = classify(service("Whatever", 429, "slow down"));
        assertThat(c.reason()).isEqualTo(GapReason.THROTTLED);
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void classify_whenLimitExceededAboutRate_isThrottled() {
        var c = classify(service("LimitExceededException", 400, "Rate exceeded for operation"));
        assertThat(c.reason()).isEqualTo(GapReason.THROTTLED);
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void classify_whenLimitExceededAboutQuota_isRejected() {
        var c = classify(service("LimitExceededException", 400, "Maximum number of plans reached"));
        assertThat(c.reason()).isEqualTo(GapReason.REQUEST_REJECTED);
        assertThat(c.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void classify_when5xx_isServiceErrorAndRetryable(int status) {
        var c = classify(service("InternalFailure", status, "boom"));
        assertThat(c.reason()).isEqualTo(GapReason.SERVICE_ERROR);
        assertThat(c.retryable()).isTrue();
        assertThat(c.endpointFailure()).isTrue();
        assertThat(c.httpStatus()).isEqualTo(status);
    }

    @Test
    void classify_when5xxWithoutCode_isServiceError() {
        var e = RdsException.builder().statusCode(500).message("<html>500 Internal Server Error</html>").build();
        assertThat(classify(e).reason()).isEqualTo(GapReason.SERVICE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess",
            "AuthorizationError", "Forbidden"})
    void classify_whenAccessDeniedCode_isAccessDeniedNotRetryableNotEndpointFailure(String code) {
        var c = classify(service(code, 400, "User is not authorized to perform rds:DescribeDBInstances"));
        assertThat(c.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @Test
    void classify_whenHttp403WithUnknownCode_isAccessDenied() {
        assertThat(classify(service("SomethingNew", 403, "no")).reason()).isEqualTo(GapReason.ACCESS_DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OptInRequired", "RegionDisabledException"})
    void classify_whenRegionNotEnabledCode_isRegionNotEnabled(String code) {
        var c = classify(service(code, 403, "You are not subscribed to this service"));
        assertThat(c.reason()).isEqualTo(GapReason.REGION_NOT_ENABLED);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @Test
    void classify_whenMessageSaysRegionDisabled_isRegionNotEnabled() {
        assertThat(classify(service("UnrecognizedClientException", 400,
                "STS is not activated in this region for account 123456789012; the region is disabled")).reason())
                .isEqualTo(GapReason.REGION_NOT_ENABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken",
            "ExpiredTokenException", "RequestExpired", "SignatureDoesNotMatch", "AuthFailure", "IncompleteSignature"})
    void classify_whenCredentialCode_isInvalidCredentialsEvenWith403(String code) {
        var c = classify(service(code, 403, "The security token included in the request is invalid"));
        assertThat(c.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ValidationError", "ValidationException", "InvalidParameterValue",
            "InvalidParameterCombination", "DBInstanceNotFound", "UnknownOperationException"})
    void classify_whenOther4xx_isRequestRejected(String code) {
        var c = classify(service(code, 400, "bad request"));
        assertThat(c.reason()).isEqualTo(GapReason.REQUEST_REJECTED);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @Test
    void classify_when404HtmlFromEmulator_isRequestRejected() {
        var e = RdsException.builder().statusCode(404).message("Not Found").build();
        assertThat(classify(e).reason()).isEqualTo(GapReason.REQUEST_REJECTED);
    }

    @Test
    void classify_whenRequestTimeoutCode_isRetryableTimeout() {
        var c = classify(service("RequestTimeout", 400, "Your socket connection was not read from"));
        assertThat(c.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void classify_whenAttemptTimeout_isRetryableTimeout() {
        var c = classify(ApiCallAttemptTimeoutException.create(1000));
        assertThat(c.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(c.retryable()).isTrue();
        assertThat(c.endpointFailure()).isTrue();
    }

    @Test
    void classify_whenCallTimeout_isTimeoutNotRetryable() {
        var c = classify(ApiCallTimeoutException.create(1000));
        assertThat(c.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isTrue();
    }

    @Test
    void classify_whenConnectionRefused_isEndpointUnreachableRetryable() {
        var e = SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused"));
        var c = classify(e);
        assertThat(c.reason()).isEqualTo(GapReason.ENDPOINT_UNREACHABLE);
        assertThat(c.retryable()).isTrue();
        assertThat(c.endpointFailure()).isTrue();
    }

    @Test
    void classify_whenConnectionReset_isEndpointUnreachable() {
        var e = SdkClientException.create("Unable to execute HTTP request: Connection reset",
                new SocketException("Connection reset"));
        assertThat(classify(e).reason()).isEqualTo(GapReason.ENDPOINT_UNREACHABLE);
    }

    @Test
    void classify_whenNoHttpResponse_isEndpointUnreachable() {
        var e = SdkClientException.create("Unable to execute HTTP request: failed to respond",
                new NoHttpResponseException("127.0.0.1:1 failed to respond"));
        assertThat(classify(e).reason()).isEqualTo(GapReason.ENDPOINT_UNREACHABLE);
    }

    @Test
    void classify_whenUnknownHost_isEndpointUnreachable() {
        var e = SdkClientException.create("Unable to execute HTTP request: rds.nowhere.invalid",
                new UnknownHostException("rds.nowhere.invalid"));
        assertThat(classify(e).reason()).isEqualTo(GapReason.ENDPOINT_UNREACHABLE);
    }

    @Test
    void classify_whenUncheckedIo_isEndpointUnreachable() {
        assertThat(classify(new UncheckedIOException(new IOException("broken pipe"))).reason())
                .isEqualTo(GapReason.ENDPOINT_UNREACHABLE);
    }

    @Test
    void classify_whenSocketReadTimeout_isRetryableTimeout() {
        var e = SdkClientException.create("Unable to execute HTTP request: Read timed out",
                new SocketTimeoutException("Read timed out"));
        var c = classify(e);
        assertThat(c.reason()).isEqualTo(GapReason.TIMEOUT);
        assertThat(c.retryable()).isTrue();
    }

    @Test
    void classify_whenUnmarshallFailure_isInvalidResponseRetryable() {
        var e = SdkClientException.create("Unable to unmarshall response (ParseError at [row,col]:[1,1])",
                new XMLStreamException("ParseError"));
        var c = classify(e);
        assertThat(c.reason()).isEqualTo(GapReason.INVALID_RESPONSE);
        assertThat(c.retryable()).isTrue();
        assertThat(c.endpointFailure()).isTrue();
    }

    @Test
    void classify_whenBreakerOpen_isBreakerOpenNotRetryable() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("b");
        breaker.transitionToOpenState();
        var c = classify(CallNotPermittedException.createCallNotPermittedException(breaker));
        assertThat(c.reason()).isEqualTo(GapReason.BREAKER_OPEN);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @Test
    void classify_whenNoCredentials_isInvalidCredentialsWithCode() {
        var c = classify(SdkClientException.create("Unable to load credentials from any of the providers in the "
                + "chain AwsCredentialsProviderChain"));
        assertThat(c.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
        assertThat(c.code()).isEqualTo("NoCredentials");
        assertThat(c.retryable()).isFalse();
    }

    @Test
    void classify_whenAborted_isDeadlineExceeded() {
        var c = classify(AbortedException.create("Thread was interrupted"));
        assertThat(c.reason()).isEqualTo(GapReason.DEADLINE_EXCEEDED);
        assertThat(c.retryable()).isFalse();
    }

    @Test
    void classify_whenAnythingElse_isUnknownNotRetryable() {
        var c = classify(new IllegalStateException("surprise"));
        assertThat(c.reason()).isEqualTo(GapReason.UNKNOWN);
        assertThat(c.retryable()).isFalse();
        assertThat(c.endpointFailure()).isFalse();
    }

    @Test
    void classify_whenWrappedServiceException_looksThroughTheWrapper() {
        var c = classify(new RuntimeException("wrapper", service("Throttling", 400, "Rate exceeded")));
        assertThat(c.reason()).isEqualTo(GapReason.THROTTLED);
    }

    @Test
    void detail_isOneLineWithCodeStatusAndRequestIdAndNoSecrets() {
        var c = classify(service("AccessDenied", 403,
                "User AKIAIOSFODNN7EXAMPLE is not authorized\nto perform rds:DescribeDBInstances"));
        assertThat(c.detail())
                .startsWith("AccessDenied (HTTP 403): User [redacted] is not authorized to perform")
                .contains("[request id req-1]")
                .doesNotContain("AKIA")
                .doesNotContain("\n");
    }
}
