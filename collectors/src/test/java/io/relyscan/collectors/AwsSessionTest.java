package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

class AwsSessionTest extends MotoTestBase {

    /** Points the SDK's shared config and credentials files at the given files while the action runs. */
    static <T> T withProfileFiles(Path config, Path credentials, Callable<T> action) throws Exception {
        String oldConfig = System.getProperty("aws.configFile");
        String oldCredentials = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            return action.call();
        } finally {
            restore("aws.configFile", oldConfig);
            restore("aws.sharedCredentialsFile", oldCredentials);
        }
    }

    static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    static Path[] profileFiles(Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("config"), """
                [default]
                region = us-west-2

                [profile audit]
                region = eu-west-1
                """);
        Path credentials = Files.writeString(dir.resolve("credentials"), """
                [audit]
                aws_access_key_id = testing
                aws_secret_access_key = testing
                """);
        return new Path[] {config, credentials};
    }

    @Test
    void open_withUnknownProfile_failsNamingTheFilesLookedIn(@TempDir Path dir) throws Exception {
        Path[] files = profileFiles(dir);
        InputException e = withProfileFiles(files[0], files[1], () -> catchThrowableOfType(InputException.class,
                () -> AwsSession.open(AwsConnectionSettings.defaults().withProfile("nope"))));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("'nope'").contains(files[0].toString()).contains(files[1].toString())
                .doesNotContain("\n");
    }

    @Test
    void open_withKnownProfile_makesNoCallAndReadsTheProfileRegion(@TempDir Path dir) throws Exception {
        assumeThat(System.getenv("AWS_REGION")).isNull();
        assumeThat(System.getenv("AWS_DEFAULT_REGION")).isNull();
        assumeThat(System.getProperty("aws.region")).isNull();
        Path[] files = profileFiles(dir);
        String region = withProfileFiles(files[0], files[1], () -> {
            try (AwsSession s = AwsSession.open(AwsConnectionSettings.defaults().withProfile("audit"))) {
                return s.defaultRegion().orElse("none");
            }
        });
        assertThat(region).isEqualTo("eu-west-1");
    }

    @Test
    void defaultRegion_prefersTheRegionSetting(@TempDir Path dir) throws Exception {
        assumeThat(System.getenv("AWS_REGION")).isNull();
        Path[] files = profileFiles(dir);
        String old = System.getProperty("aws.region");
        System.setProperty("aws.region", "ap-southeast-2");
        try {
            String region = withProfileFiles(files[0], files[1], () -> {
                try (AwsSession s = AwsSession.open(AwsConnectionSettings.defaults().withProfile("audit"))) {
                    return s.defaultRegion().orElse("none");
                }
            });
            assertThat(region).isEqualTo("ap-southeast-2");
        } finally {
            restore("aws.region", old);
        }
    }

    @Test
    void open_withMalformedEndpoint_failsWithInputException() {
        for (String bad : List.of("localhost:5000", "ftp://127.0.0.1:21", "http:///no-host", "/relative/path",
                "http://127.0.0.1:5000/?q=1")) {
            assertThatThrownBy(() -> AwsSession.open(AwsConnectionSettings.defaults()
                    .withEndpointOverride(URI.create(bad))), bad)
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("endpoint URL")
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> AwsConnectionSettings.parseEndpoint("http://[broken"))
                .isInstanceOf(InputException.class).hasMessageContaining("malformed");
        assertThat(AwsConnectionSettings.parseEndpoint(" http://127.0.0.1:5000 "))
                .isEqualTo(URI.create("http://127.0.0.1:5000"));
    }

    @Test
    void accountId_againstMoto_isTheDefaultAccount() {
        assertThat(session.accountId("us-east-1")).isEqualTo("123456789012");
    }

    @Test
    void regions_againstMoto_areSortedWithTheirOptInStatus() {
        List<RegionStatus> regions = session.regions(TestSessions.ACCOUNT, "us-east-1");

        assertThat(regions).extracting(RegionStatus::name).isSorted().contains("us-east-1", "eu-west-1");
        assertThat(regions).filteredOn(r -> r.name().equals("us-east-1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
                    assertThat(r.enabled()).isTrue();
                });
        // moto reports the regions outside its hard-coded list (e.g. me-south-1) as not-opted-in.
        assertThat(regions).filteredOn(r -> r.name().equals("me-south-1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.optInStatus()).isEqualTo("not-opted-in");
                    assertThat(r.enabled()).isFalse();
                });
        assertThat(regions).allSatisfy(r -> assertThat(r.enabled())
                .isEqualTo(!"not-opted-in".equals(r.optInStatus())));
        assertThat(session.telemetry()).anySatisfy(t -> assertThat(t.service()).isEqualTo(AwsService.EC2));
    }

    @Test
    void regionStatus_enabled_coversBothEnabledForms() {
        assertThat(new RegionStatus("eu-south-1", "opted-in").enabled()).isTrue();
        assertThat(new RegionStatus("us-east-1", "opt-in-not-required").enabled()).isTrue();
        assertThat(new RegionStatus("me-south-1", "not-opted-in").enabled()).isFalse();
        assertThat(new RegionStatus("xx-1", null).enabled()).isFalse();
    }

    @Test
    void accountId_withoutCredentials_saysSoInOneLine() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain "
                    + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider()])");
        };
        try (AwsSession s = AwsSession.open(TestSessions.settings(endpoint(), 3), none, TestSessions.resilience())) {
            AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> s.accountId("us-east-1"));
            assertThat(e.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
            assertThat(e.getMessage()).startsWith("no AWS credentials found").doesNotContain("\n");
        }
    }

    @Test
    void accountId_withRejectedCredentials_saysInvalidOrExpiredWithoutTheKey() {
        WireMockServer sts = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        sts.start();
        try {
            sts.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity"))
                    .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                              <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
                              <Message>The security token included in the request is invalid: ASIAIOSFODNN7EXAMPLE</Message>
                              </Error><RequestId>r-9</RequestId></ErrorResponse>""")));
            try (AwsSession s = TestSessions.session(URI.create(sts.baseUrl()))) {
                AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> s.accountId("us-east-1"));
                assertThat(e.reason()).isEqualTo(GapReason.INVALID_CREDENTIALS);
                assertThat(e.getMessage()).startsWith("credentials invalid or expired: ")
                        .contains("InvalidClientTokenId").doesNotContain("ASIA").doesNotContain("\n");
            }
            assertThat(sts.getAllServeEvents()).hasSize(1);
        } finally {
            sts.stop();
        }
    }

    @Test
    void collectors_oneDeclaredReadOnlyCollectorPerServiceSortedByService() {
        List<Collector> collectors = session.collectors(Set.of(AwsService.CONFIG, AwsService.EC2, AwsService.RDS));
        assertThat(collectors).extracting(Collector::service)
                .containsExactly(AwsService.EC2, AwsService.RDS, AwsService.CONFIG);

        List<Collector> all = session.collectors(EnumSet.allOf(AwsService.class));
        assertThat(all).extracting(Collector::service).containsExactly(AwsService.values());
        assertThat(all).allSatisfy(c -> {
            assertThat(c.iamActions()).isNotEmpty().isSorted();
            assertThat(IamActions.all()).containsAll(c.iamActions());
        });
        assertThat(session.collectors(Set.of())).isEmpty();
    }

    @Test
    void iamActions_areSortedDistinctAndReadOnly() {
        List<String> actions = IamActions.all();
        assertThat(actions).isSorted().doesNotHaveDuplicates()
                .contains("sts:GetCallerIdentity", "ec2:DescribeRegions", "rds:DescribeDBInstances",
                        "backup:GetBackupSelection", "elasticloadbalancing:DescribeTargetHealth");
        assertThat(actions).allSatisfy(a -> assertThat(a).matches("[a-z0-9]+:(Describe|List|Get)[A-Za-z]+"));
    }
}
