package io.relyscan.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
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
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SDK clients for one region, pointed straight at the emulator with the same static credentials the scanner
 * gets from its environment (testing/testing), so both land in the same emulated account.
 */
final class AwsClients implements AutoCloseable {
    static final String ACCESS_KEY = "testing";
    static final String SECRET_KEY = "testing";

    private final URI endpoint;
    private final Region region;
    private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(8).build();
    private final List<AutoCloseable> opened = new ArrayList<>();

    final Ec2Client ec2;
    final RdsClient rds;
    final AutoScalingClient autoscaling;
    final ElasticLoadBalancingV2Client elbv2;
    final ElasticLoadBalancingClient elb;
    final CloudWatchClient cloudwatch;
    final BackupClient backup;
    final ConfigClient config;
    final SnsClient sns;
    final SqsClient sqs;

    AwsClients(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = Region.of(region);
        ec2 = open(Ec2Client.builder());
        rds = open(RdsClient.builder());
        autoscaling = open(AutoScalingClient.builder());
        elbv2 = open(ElasticLoadBalancingV2Client.builder());
        elb = open(ElasticLoadBalancingClient.builder());
        cloudwatch = open(CloudWatchClient.builder());
        backup = open(BackupClient.builder());
        config = open(ConfigClient.builder());
        sns = open(SnsClient.builder());
        sqs = open(SqsClient.builder());
    }

    String region() {
        return region.id();
    }

    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C>> C open(B builder) {
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        C client = builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing test clients
            }
        }
        http.close();
    }
}
