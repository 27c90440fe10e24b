package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * R07: Enhanced Monitoring is on (MonitoringInterval above 0) for every RDS and Aurora DB instance, Aurora members
 * included (the setting is per instance). An interval coarser than the maximum fails one level lower.
 */
public final class RdsEnhancedMonitoringRule implements Rule {
    static final String MAXIMUM_INTERVAL_SECONDS = "maximumIntervalSeconds";

    private static final RuleMetadata METADATA = new RuleMetadata("rds-enhanced-monitoring", "R07",
            "RDS DB instances have Enhanced Monitoring", Severity.LOW, "DbInstance",
            "CloudWatch's basic RDS metrics come from the hypervisor once a minute; Enhanced Monitoring reads the "
                    + "operating system (processes, memory, I/O) at up to one-second intervals, which is what shows "
                    + "why a database is slow or about to fail.",
            "Enable Enhanced Monitoring with an interval of 60 seconds or less and a monitoring role "
                    + "(aws rds modify-db-instance --monitoring-interval 60 --monitoring-role-arn <role>).",
            Controls.of("REL06-BP01", "CC7.2*", "A.8.16*", "AU-12(3), CA-2(2), CA-7, SC-36(1)(a), SI-2"),
            List.of(RuleParameter.integer(MAXIMUM_INTERVAL_SECONDS, 60, 1, 60,
                    "Coarsest acceptable Enhanced Monitoring interval in seconds (AWS allows 1, 5, 10, 15, 30, 60)")),
            Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int maximum = context.intParameter(MAXIMUM_INTERVAL_SECONDS);
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db)
                    .evidence("Engine", db.engine())
                    .evidence("MonitoringInterval", db.monitoringInterval());
            if (RdsEngines.isDocDbOrNeptune(db.engine())) {
                findings.add(f.notApplicable("engine " + db.engine() + " is not an RDS or Aurora database"));
            } else if (db.monitoringInterval() == null) {
                // The engine already turns findings into ERROR where RDS was not completely collected, so a null
                // here means a complete DescribeDBInstances answer omitted the field. AWS always returns it when
                // monitoring is on; absence can only mean "not shown to be on", which must never PASS.
                findings.add(f.fail("Enhanced Monitoring is not shown to be on: DescribeDBInstances returned no "
                        + "MonitoringInterval"));
            } else if (db.monitoringInterval() <= 0) {
                findings.add(f.fail("Enhanced Monitoring is off (MonitoringInterval=0): no OS-level metrics"));
            } else if (db.monitoringInterval() > maximum) {
                findings.add(f.fail(METADATA.severity().lower(), "Enhanced Monitoring every "
                        + db.monitoringInterval() + " s is coarser than the maximum of " + maximum + " s"));
            } else {
                findings.add(f.pass("Enhanced Monitoring every " + db.monitoringInterval() + " s"));
            }
        }
        return findings;
    }
}
