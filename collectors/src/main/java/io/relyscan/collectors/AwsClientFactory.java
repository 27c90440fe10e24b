package io.relyscan.collectors;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds and caches the SDK clients of one set of credentials, one per (region, service), all sharing one Apache
 * HTTP client and one credentials provider. The session's factory owns the HTTP client; the factories of the
 * target accounts of a multi-account scan borrow it, so a scan of many accounts has one connection pool. SDK retries are off: the {@link ResilientCaller} is the only retry layer, since
 * stacking two multiplies the attempts.
 */
final class AwsClientFactory implements AutoCloseable {
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_CONNECTIONS = 64;

    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;
    private final ClientOverrideConfiguration overrides;
    private final SdkHttpClient http;
    private final boolean ownsHttp;
    private final OperationRecorder recorder = new OperationRecorder();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A factory with its own HTTP client, closed with it. */
    AwsClientFactory(AwsConnectionSettings settings, AwsCredentialsProvider credentials) {
        this(settings, credentials, null);
    }

    /**
     * @param sharedHttp another factory's HTTP client ({@link #http()}), left open on close; null for an own one
     */
    AwsClientFactory(AwsConnectionSettings settings, AwsCredentialsProvider credentials, SdkHttpClient sharedHttp) {
        this.credentials = credentials;
        this.endpointOverride = settings.endpointOverride();
        this.overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .apiCallTimeout(settings.callTimeout())
                .addExecutionInterceptor(recorder)
                .build();
        this.ownsHttp = sharedHttp == null;
        this.http = ownsHttp ? newHttpClient(settings) : sharedHttp;
    }

    private static SdkHttpClient newHttpClient(AwsConnectionSettings settings) {
        Duration socketTimeout = settings.attemptTimeout().compareTo(CONNECTION_TIMEOUT) > 0
                ? settings.attemptTimeout() : CONNECTION_TIMEOUT;
        return ApacheHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(socketTimeout)
                .maxConnections(MAX_CONNECTIONS)
                .build();
    }

    /** The HTTP client of this factory's clients, for factories that share it. */
    SdkHttpClient http() {
        return http;
    }

    Ec2Client ec2(String region) {
        return client(region, "ec2", () -> configure(Ec2Client.builder(), region).build());
    }

    RdsClient rds(String region) {
        return client(region, "rds", () -> configure(RdsClient.builder(), region).build());
    }

    AutoScalingClient autoScaling(String region) {
        return client(region, "autoscaling", () -> configure(AutoScalingClient.builder(), region).build());
    }

    ElasticLoadBalancingV2Client elbv2(String region) {
        return client(region, "elbv2", () -> configure(ElasticLoadBalancingV2Client.builder(), region).build());
    }

    ElasticLoadBalancingClient elb(String region) {
        return client(region, "elb", () -> configure(ElasticLoadBalancingClient.builder(), region).build());
    }

    CloudWatchClient cloudWatch(String region) {
        return client(region, "cloudwatch", () -> configure(CloudWatchClient.builder(), region).build());
    }

    BackupClient backup(String region) {
        return client(region, "backup", () -> configure(BackupClient.builder(), region).build());
    }

    ConfigClient config(String region) {
        return client(region, "config", () -> configure(ConfigClient.builder(), region).build());
    }

    SnsClient sns(String region) {
        return client(region, "sns", () -> configure(SnsClient.builder(), region).build());
    }

    /** Organizations is global: {@code region} is its partition's endpoint region, e.g. us-east-1. */
    OrganizationsClient organizations(String region) {
        return client(region, "organizations", () -> configure(OrganizationsClient.builder(), region).build());
    }

    StsClient sts(String region) {
        return client(region, "sts", () -> configure(StsClient.builder(), region).build());
    }

    /** Every operation this factory's clients have sent, recorded by the interceptor installed on each. */
    List<SentOperation> sentOperations() {
        return recorder.sent();
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(String region, String service, Supplier<C> build) {
        if (closed) {
            throw new IllegalStateException("the AWS session is closed");
        }
        return (C) clients.computeIfAbsent(service + "/" + region, k -> build.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
                                                                                         String region) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(overrides);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (ownsHttp) {
            http.close();
        }
        if (credentials instanceof SdkAutoCloseable c) {
            c.close();
        } else if (credentials instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a credentials cache cannot fail in a way that matters at shutdown
            }
        }
    }
}
