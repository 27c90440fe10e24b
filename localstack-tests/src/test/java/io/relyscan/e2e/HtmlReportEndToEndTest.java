package io.relyscan.e2e;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.report.browser.HtmlReportChecks;
import io.relyscan.report.browser.ReportInBrowser;
import io.relyscan.report.snapshot.JsonReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scan --format json,html} of an emulated account whose alarm names and instance tags hold {@code <script>},
 * quotes and HTML: the HTML report, opened in headless Chromium, loads with no error and no network request, runs
 * nothing injected, shows the values as text, and its filters, sorting and rule pages agree with the JSON report
 * of the same scan (the checks are shared with the report module's browser test).
 */
class HtmlReportEndToEndTest {
    private static final String REGION = "us-east-1";
    private static final String ALARM = "<script>window.__pwned=1</script> cpu";
    private static final String INSTANCE = "\"'><svg onload=\"window.__pwned=1\"> web";
    private static final String TAG = "<img src=x onerror=\"window.__pwned=1\"> & 'team'";

    private static Emulator emulator;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        try (AwsClients aws = new AwsClients(emulator.endpoint(), REGION)) {
            aws.cloudwatch.putMetricAlarm(r -> r.alarmName(ALARM).namespace("AWS/EC2").metricName("CPUUtilization")
                    .statistic(Statistic.AVERAGE).period(300).evaluationPeriods(3).threshold(80.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .tags(software.amazon.awssdk.services.cloudwatch.model.Tag.builder().key("Owner").value(TAG)
                            .build()));
            aws.ec2.runInstances(r -> r.imageId(DemoAccountScenario.AMI).instanceType("t3.micro").minCount(1)
                    .maxCount(1).tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(Tag.builder().key("Name").value(INSTANCE).build(),
                                    Tag.builder().key("Owner").value(TAG).build()).build()));
        }
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void htmlReport_ofHostileResourceNamesAndTags_runsNothing_andItsTableWorks() throws Exception {
        Path out = work.resolve("out");
        Cli.Run scan = Cli.run(Map.of(), "scan", "--endpoint-url", emulator.endpoint().toString(), "--region", REGION,
                "--output-dir", out.toString(), "--format", "json,html", "--fail-on", "NONE", "--deadline", "2m");
        assertThat(scan.exitCode()).as(scan.toString()).isIn(0, 3);
        Path html = out.resolve("relyscan-report.html");
        assertThat(html).as(scan.toString()).isRegularFile();
        ScanReport report = JsonReports.fromJson(Files.readAllBytes(out.resolve("relyscan-report.json")),
                "relyscan-report.json");
        // The alarm's name is the finding's resource name; the instance (named by its id) carries its hostile tags
        // into the inventory and whatever evidence quotes them.
        assertThat(report.findings()).as("findings about the hostile alarm")
                .anySatisfy(f -> assertThat(f.resourceName()).isEqualTo(ALARM));

        try (ReportInBrowser page = ReportInBrowser.open(html)) {
            HtmlReportChecks.loadsCleanly(page);
            page.screenshot(Path.of("target", "e2e-html", "summary.png"));
            page.route("#findings", "findings");
            HtmlReportChecks.tableIsWhole(page, report);
            HtmlReportChecks.hostileTextsAreLiteral(page, List.of(ALARM));
            page.screenshot(Path.of("target", "e2e-html", "findings.png"));
            HtmlReportChecks.filtersWork(page, report);
            HtmlReportChecks.sortingWorks(page, report);
            HtmlReportChecks.linksFilterTheTable(page, report);
            String rule = report.findings().stream().filter(f -> ALARM.equals(f.resourceName())).findFirst()
                    .orElseThrow().ruleId();
            HtmlReportChecks.rulePageWorks(page, report, rule);
            page.route("#rule/" + rule, "rule/" + rule);
            assertThat(page.bool("document.getElementById('rule/" + rule + "').textContent.indexOf("
                    + ReportInBrowser.literal(ALARM) + ") >= 0")).isTrue();
            HtmlReportChecks.loadsCleanly(page);
        }
    }
}
