package io.relyscan.collectors;

import io.relyscan.core.error.InputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach AWS.
 *
 * @param profile          a named profile of the shared config/credentials files; null for the default provider
 *                         chain (environment, system properties, web identity, default profile, container, instance)
 * @param endpointOverride one endpoint for every service (an emulator such as moto); null for real AWS
 * @param attemptTimeout   limit of one HTTP attempt
 * @param callTimeout      limit of one logical call, its retries included
 * @param retry            retry policy of the resilience layer (the SDK's own retries are always off)
 */
public record AwsConnectionSettings(String profile, URI endpointOverride, Duration attemptTimeout,
                                    Duration callTimeout, RetrySettings retry) {
    public AwsConnectionSettings {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(retry, "retry");
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new InputException("attempt timeout must be positive: " + attemptTimeout);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new InputException("call timeout must be positive: " + callTimeout);
        }
        if (profile != null && profile.isBlank()) {
            profile = null;
        }
    }

    /** Default provider chain, real AWS, 20 s per attempt, 60 s per call, {@link RetrySettings#defaults()}. */
    public static AwsConnectionSettings defaults() {
        return new AwsConnectionSettings(null, null, Duration.ofSeconds(20), Duration.ofSeconds(60),
                RetrySettings.defaults());
    }

    public AwsConnectionSettings withProfile(String newProfile) {
        return new AwsConnectionSettings(newProfile, endpointOverride, attemptTimeout, callTimeout, retry);
    }

    public AwsConnectionSettings withEndpointOverride(URI endpoint) {
        return new AwsConnectionSettings(profile, endpoint, attemptTimeout, callTimeout, retry);
    }

    public AwsConnectionSettings withRetry(RetrySettings newRetry) {
        return new AwsConnectionSettings(profile, endpointOverride, attemptTimeout, callTimeout, newRetry);
    }

    public AwsConnectionSettings withTimeouts(Duration attempt, Duration call) {
        return new AwsConnectionSettings(profile, endpointOverride, attempt, call, retry);
    }

    /**
     * Parses an endpoint URL given by a user.
     *
     * @throws InputException unless it is an absolute http or https URL with a host
     */
    public static URI parseEndpoint(String value) {
        if (value == null || value.isBlank()) {
            throw new InputException("endpoint URL is empty; expected e.g. http://127.0.0.1:5000");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InputException("endpoint URL '" + value.strip() + "' is malformed (" + e.getReason()
                    + "); expected e.g. http://127.0.0.1:5000");
        }
        validateEndpoint(uri);
        return uri;
    }

    static void validateEndpoint(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InputException("endpoint URL '" + uri + "' must start with http:// or https://, e.g. "
                    + "http://127.0.0.1:5000");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InputException("endpoint URL '" + uri + "' has no host; expected e.g. http://127.0.0.1:5000");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InputException("endpoint URL '" + uri + "' must not have a query or fragment");
        }
    }
}
