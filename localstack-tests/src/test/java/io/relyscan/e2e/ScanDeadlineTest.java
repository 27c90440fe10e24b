package io.relyscan.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --deadline}: AWS answers who the caller is, then every collection call hangs far longer than the
 * deadline. The scan must stop collecting when the deadline passes, evaluate what it has (nothing), report every
 * service as not collected with the reason, judge nothing PASS, and exit 3.
 */
class ScanDeadlineTest {
    static final String ACCOUNT = "123456789012";
    static final int HANG_MILLIS = 30_000;

    private WireMockServer aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.stop();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void scan_whenTheDeadlinePasses_stopsCollectingAndReportsTheRestAsErrorWithTheReason(@TempDir Path out) {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64));
        aws.start();
        aws.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)
                .withFixedDelay(HANG_MILLIS)));
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <GetCallerIdentityResult>
                            <Arn>arn:aws:iam::%s:user/relyscan</Arn>
                            <UserId>AIDAEXAMPLEUSERID</UserId>
                            <Account>%s</Account>
                          </GetCallerIdentityResult>
                          <ResponseMetadata><RequestId>deadline-1</RequestId></ResponseMetadata>
                        </GetCallerIdentityResponse>""".formatted(ACCOUNT, ACCOUNT))));

        long start = System.nanoTime();
        Cli.Run scan = Cli.run(Map.of(), "scan", "--endpoint-url", aws.baseUrl(), "--region", "us-east-1",
                "--output-dir", out.toString(), "--format", "json,console", "--no-color", "--deadline", "3s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("scan with --deadline 3s took " + took.toMillis() + " ms\n" + scan);

        assertThat(scan.exitCode()).as("exit code of an incomplete scan\n" + scan).isEqualTo(3);
        // The hanging calls would take 30 s per attempt; the scan ends at the deadline plus the 5 s it gives
        // interrupted collectors to stop.
        assertThat(took).as("wall time\n" + scan).isLessThan(Duration.ofSeconds(20));

        ReportJson report = ReportJson.read(out);
        assertThat(report.complete()).isFalse();
        List<ReportJson.CoverageRow> collected = report.coverage().stream()
                .filter(c -> !c.status().equals("NOT_COLLECTED")).toList();
        assertThat(collected).as("every service was scheduled").hasSize(9).allSatisfy(c -> {
            assertThat(c.status()).as(c.toString()).isEqualTo("FAILED");
            assertThat(c.gaps()).as(c.toString()).contains("DEADLINE_EXCEEDED");
        });
        // --concurrency 8: eight tasks had their first calls in flight when the deadline passed (up to 4 each:
        // a task's independent listings run concurrently), the ninth never started; per operation, the hanging
        // calls are listed as cut off by the deadline. A task's fan-out may still reach a listing it had not
        // started (it fails at once, unsent, also as DEADLINE_EXCEEDED), so the bound of 4 in flight per task is
        // checked on what reached the endpoint, not on the operations listed.
        var operations = report.operations();
        assertThat(operations.values().stream().filter(ops -> !ops.isEmpty()).toList()).as(operations.toString())
                .hasSize(8).allSatisfy(ops -> assertThat(ops).isNotEmpty()
                        .allSatisfy((operation, outcome) -> assertThat(outcome).isEqualTo("DEADLINE_EXCEEDED")));
        long sent = aws.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getBodyAsString().contains("Action=GetCallerIdentity")).count();
        assertThat(sent).as("requests that reached the endpoint: at most 4 per task in flight, none after the "
                + "deadline").isBetween(8L, 32L);
        assertThat(report.findings()).as("findings").isNotEmpty().allSatisfy(f ->
                assertThat(f.outcome()).as(f.key()).isEqualTo("ERROR"));
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("Region");
            assertThat(f.name()).isEqualTo("us-east-1");
        });
        assertThat(scan.out()).as("console report\n" + scan).contains("Not collected (9)")
                .contains("DEADLINE_EXCEEDED").contains("INCOMPLETE");
    }
}
