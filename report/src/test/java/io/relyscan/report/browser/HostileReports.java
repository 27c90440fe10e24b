package io.relyscan.report.browser;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.report.ReportFixtures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports for the browser tests: the golden fixture plus resources whose names and tags are hostile markup. */
public final class HostileReports {
    /** Values that would run script, break out of an attribute or close the data block if not escaped. */
    public static final List<String> HOSTILE = List.of(
            "<img src=x onerror=\"window.__pwned=1\">",
            "<script>window.__pwned=1</script>",
            "\"'><svg onload=\"window.__pwned=1\">",
            "</script><script>window.__pwned=1</script><!--",
            "x' onmouseover='window.__pwned=1' y='",
            "]]> --> & &amp; &lt;b&gt;");
    /** A region that tries to leave the value attribute of its filter option. */
    public static final String HOSTILE_REGION = "us-east-1\"><script>window.__pwned=1</script>";

    private HostileReports() {
    }

    /**
     * {@link ReportFixtures#report()}'s findings plus, per hostile value, a database named with it and tagged
     * with it (FAIL and PASS in turn), and one finding in a hostile region; waivers and baseline as in the fixture.
     */
    public static ScanReport report() {
        Inventory inv = ReportFixtures.inventory();
        List<Finding> findings = new ArrayList<>(ReportFixtures.findings(inv));
        for (int i = 0; i < HOSTILE.size(); i++) {
            String h = HOSTILE.get(i);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("tags", Map.of("Owner", h, "Name", h));
            evidence.put("multiAz", i % 2 == 0);
            findings.add(new Finding(null, ReportFixtures.RDS_MULTI_AZ.id(),
                    "arn:aws:rds:us-east-1:" + InventoryFixture.ACCOUNT + ":db:hostile-" + i, "DbInstance", h,
                    InventoryFixture.ACCOUNT, "us-east-1", i % 2 == 0 ? Outcome.FAIL : Outcome.PASS, Severity.HIGH,
                    "Owner tag is " + h, evidence, Map.of()));
        }
        findings.add(new Finding(null, ReportFixtures.ALARM_HAS_ACTION.id(),
                "arn:aws:cloudwatch:us-east-1:" + InventoryFixture.ACCOUNT + ":alarm:<b>bold</b>", "Alarm",
                "<b>bold</b>", InventoryFixture.ACCOUNT, HOSTILE_REGION, Outcome.FAIL, Severity.LOW,
                "alarm \u2028named\u2029 <b>bold</b>", Map.of("alarmActions", List.of()), Map.of()));
        ScanReport unwaived = ScanReport.of(ReportFixtures.TOOL_VERSION, inv, ReportFixtures.rules(), findings);
        ScanReport current = ReportFixtures.waivers().apply(unwaived);
        return current.withBaseline(BaselineComparison.of("baseline/<i>report</i>.json",
                ReportFixtures.baselineReport(), current));
    }

    /** {@code n} findings over a few rules, accounts and regions, for pagination and size checks. */
    public static ScanReport large(int n) {
        Inventory inv = ReportFixtures.inventory();
        List<Finding> findings = new ArrayList<>(n);
        Outcome[] outcomes = {Outcome.FAIL, Outcome.PASS, Outcome.PASS, Outcome.NOT_APPLICABLE, Outcome.ERROR};
        List<String> rules = ReportFixtures.rules().stream().map(r -> r.id()).toList();
        for (int i = 0; i < n; i++) {
            String account = String.format("%012d", 100000000000L + i % 17);
            String region = List.of("us-east-1", "eu-west-1", "ap-south-1").get(i % 3);
            String name = "db-" + i;
            findings.add(new Finding(null, rules.get(i % rules.size()), "arn:aws:rds:" + region + ":" + account
                    + ":db:" + name, "DbInstance", name, account, region, outcomes[i % outcomes.length],
                    Severity.values()[i % Severity.values().length], "synthetic finding " + i,
                    Map.of("multiAz", false, "engine", "postgres", "tags", Map.of("Owner", "team-" + i % 13)),
                    Map.of()));
        }
        return ScanReport.of(ReportFixtures.TOOL_VERSION, inv, ReportFixtures.rules(), findings);
    }
}
