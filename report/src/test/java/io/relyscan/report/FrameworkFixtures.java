package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A report restricted to a framework, behind the framework golden files: the rules of {@link ReportFixtures}
 * remapped to Well-Architected best practices so that every control status occurs (FAIL, ERROR, PASS,
 * NOT_APPLICABLE and MANUAL). The catalog is made by hand: the report module must not depend on the rules.
 */
public final class FrameworkFixtures {
    public static final ControlCatalog CATALOG = ControlCatalog.of(Framework.WA_RELIABILITY, List.of(
            control("REL02-BP01", "Give public endpoints highly available network connectivity"),
            control("REL06-BP01", "Monitor every component of the workload"),
            control("REL06-BP03", "Send notifications as soon as an alarm fires"),
            control("REL06-BP05", "Analyze logs"),
            control("REL09-BP01", "Identify all data that needs backing up, and back it up"),
            control("REL09-BP03", "Back up data automatically"),
            control("REL10-BP01", "Deploy the workload to multiple locations"),
            control("REL11-BP02", "Fail over to healthy resources"),
            control("REL13-BP01", "Set recovery time and recovery point objectives \u2014 a title long enough to be "
                    + "cut at the console width")));

    private FrameworkFixtures() {
    }

    private static ControlDefinition control(String id, String title) {
        return ControlDefinition.of(Framework.WA_RELIABILITY, id, title);
    }

    /** Same rule, mapped to the given Well-Architected ids ({@code *} = proposed) instead of its own. */
    static RuleMetadata remap(RuleMetadata m, String... wellArchitected) {
        List<ControlRef> controls = new ArrayList<>();
        for (String id : wellArchitected) {
            controls.add(id.endsWith("*") ? ControlRef.proposed(Framework.WA_RELIABILITY, id.replace("*", ""))
                    : ControlRef.anchored(Framework.WA_RELIABILITY, id));
        }
        m.controls().stream().filter(c -> c.framework() != Framework.WA_RELIABILITY).forEach(controls::add);
        return new RuleMetadata(m.id(), m.catalogId(), m.title(), m.severity(), m.resourceType(), m.rationale(),
                m.remediation(), controls, m.parameters(), m.inputs());
    }

    public static ScanReport report() {
        Inventory inv = ReportFixtures.inventory();
        RuleMetadata elb = ReportFixtures.rule("elb-multi-az", "R25", "Load balancer spans several zones",
                Severity.HIGH, "LoadBalancer", List.of(), Set.of(AwsService.ELBV2));
        List<RuleMetadata> rules = List.of(
                remap(ReportFixtures.RDS_MULTI_AZ, "REL10-BP01", "REL11-BP02*"),
                remap(ReportFixtures.RDS_BACKUP_RETENTION, "REL09-BP03"),
                remap(ReportFixtures.ASG_MULTI_AZ, "REL10-BP01"),
                remap(ReportFixtures.ALARM_HAS_ACTION, "REL06-BP03"),
                remap(ReportFixtures.BACKUP_COVERS_RDS, "REL09-BP01", "REL09-BP03"),
                remap(ReportFixtures.CONFIG_RECORDING, "REL06-BP01*"),
                remap(elb, "REL02-BP01"));
        // Without their failures, the alarm rule is left with a pass and an error, the Config rule with a pass.
        List<Finding> findings = ReportFixtures.findings(inv).stream()
                .filter(f -> f.outcome() != Outcome.FAIL || !(f.ruleId().equals(ReportFixtures.ALARM_HAS_ACTION.id())
                        || f.ruleId().equals(ReportFixtures.CONFIG_RECORDING.id())))
                .toList();
        ScanReport waived = ReportFixtures.waivers().apply(ScanReport.of(ReportFixtures.TOOL_VERSION, inv, rules,
                findings));
        return waived.withFramework(FrameworkView.of(CATALOG, rules, waived.findings()));
    }
}
