package io.relyscan.collectors;

import io.relyscan.core.inventory.ScanScope;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Random;

/** Sessions and SDK clients for tests: loopback endpoints, static "testing" credentials, us-east-1. */
final class TestSessions {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final ScanScope SCOPE = ScanScope.of(ACCOUNT, REGION);
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private TestSessions() {
    }

    /** Tiny backoffs, a seeded random and a generous rate so tests are quick and deterministic. */
    static ResilienceSettings resilience() {
        Random random = new Random(42);
        return ResilienceSettings.defaults().withRandom(random::nextDouble).withRates(200, 5, 500, 1);
    }

    static AwsConnectionSettings settings(URI endpoint, int maxAttempts) {
        return new AwsConnectionSettings(null, endpoint, Duration.ofSeconds(20), Duration.ofSeconds(60),
                new RetrySettings(maxAttempts, Duration.ofMillis(2), Duration.ofMillis(20)));
    }

    static AwsSession session(URI endpoint) {
        return session(endpoint, 3);
    }

    static AwsSession session(URI endpoint, int maxAttempts) {
        return AwsSession.open(settings(endpoint, maxAttempts), CREDENTIALS, resilience());
    }

    /** Configures an SDK builder of a test (fixture) client; fixtures use the SDK's own defaults otherwise. */
    static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.region(Region.of(REGION)).credentialsProvider(CREDENTIALS).endpointOverride(endpoint).build();
    }
}
