package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ConfigRecorder;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.Collector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.RecordingStrategyType;
import software.amazon.awssdk.services.config.model.ResourceType;

import java.net.URI;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigCollectorTest extends MotoTestBase {
    static final String ROLE = "arn:aws:iam::123456789012:role/config-recorder";
    static ConfigClient config;

    @BeforeAll
    static void createRecorder() {
        config = TestSessions.client(ConfigClient.builder(), endpoint());
        config.putConfigurationRecorder(b -> b.configurationRecorder(r -> r.name("default").roleARN(ROLE)
                .recordingGroup(g -> g.allSupported(false).includeGlobalResourceTypes(false)
                        .resourceTypes(ResourceType.AWS_RDS_DB_INSTANCE, ResourceType.AWS_EC2_INSTANCE)
                        .recordingStrategy(s -> s.useOnly(RecordingStrategyType.INCLUSION_BY_RESOURCE_TYPES)))));
        config.putDeliveryChannel(b -> b.deliveryChannel(d -> d.name("default").s3BucketName("config-bucket")));
        config.startConfigurationRecorder(b -> b.configurationRecorderName("default"));
    }

    @AfterAll
    static void closeClient() {
        config.close();
    }

    @Test
    void collect_recorderMergedWithItsStatus_fieldByField() {
        RecordingSink sink = collect(AwsService.CONFIG);

        assertThat(sink.gaps).isEmpty();
        ConfigRecorder r = sink.one(ConfigRecorder.class, "default");
        assertThat(r.arn()).isEqualTo("arn:aws:config:us-east-1:123456789012:configuration-recorder/default");
        assertThat(r.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(r.region()).isEqualTo(TestSessions.REGION);
        assertThat(r.roleArn()).isEqualTo(ROLE);
        assertThat(r.allSupported()).isFalse();
        assertThat(r.includeGlobalResourceTypes()).isFalse();
        assertThat(r.recordingStrategy()).isEqualTo("INCLUSION_BY_RESOURCE_TYPES");
        assertThat(r.resourceTypes()).containsExactlyInAnyOrder("AWS::RDS::DBInstance", "AWS::EC2::Instance");
        assertThat(r.excludedResourceTypes()).isEmpty();
        assertThat(r.servicePrincipal()).isNull();
        assertThat(r.isServiceLinked()).isFalse();
        assertThat(r.recording()).isTrue();
        // moto leaves lastStatus PENDING for ever.
        assertThat(r.lastStatus()).isEqualTo("PENDING");
        assertThat(r.lastErrorCode()).isNull();
    }

    @Test
    void collect_whenTheStatusCallFails_reportsTheRecorderWithUnknownRecordingAndAGap() {
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            overlay.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withHeader("X-Amz-Target", equalTo("StarlingDoveService.DescribeConfigurationRecorderStatus"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                            .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}")));
            try (AwsSession faulty = TestSessions.session(URI.create(overlay.baseUrl()))) {
                Collector collector = faulty.collectors(Set.of(AwsService.CONFIG)).get(0);
                RecordingSink sink = new RecordingSink();
                collector.collect(TestSessions.SCOPE, sink);

                assertThat(sink.gaps).singleElement().satisfies(g -> {
                    assertThat(g.operation()).isEqualTo("DescribeConfigurationRecorderStatus");
                    assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
                });
                ConfigRecorder r = sink.one(ConfigRecorder.class, "default");
                assertThat(r.recording()).isNull();
                assertThat(r.lastStatus()).isNull();
                assertThat(r.roleArn()).isEqualTo(ROLE);
            }
        } finally {
            overlay.stop();
        }
    }

    @Test
    void recorder_withoutARecordingStrategy_derivesTheDocumentedEquivalent() {
        var recorder = software.amazon.awssdk.services.config.model.ConfigurationRecorder.builder().name("old")
                .roleARN(ROLE).recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(true)).build();
        ConfigRecorder r = ConfigCollector.recorder(TestSessions.SCOPE, recorder, null);
        assertThat(r.recordingStrategy()).isEqualTo("ALL_SUPPORTED_RESOURCE_TYPES");
        assertThat(r.recording()).isNull();
    }
}
