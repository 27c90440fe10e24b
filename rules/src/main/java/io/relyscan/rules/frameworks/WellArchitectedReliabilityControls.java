package io.relyscan.rules.frameworks;

/**
 * AWS Well-Architected Framework, Reliability pillar: the best practices whose current numbering the rules
 * catalog records (section 4). REL06-BP06 is numbered by inference and the REL13 list comes from a secondary
 * summary; both are to be re-checked against the current framework. The question-level ids that catalog rows
 * cite from the classic AWS Config conformance pack (which maps rules to questions, not best practices) are
 * listed too: REL-1, REL-6 and REL-10.
 */
final class WellArchitectedReliabilityControls {
    static final String[][] CONTROLS = {
            {"REL01-BP03", "Work around service quotas that cannot be raised through the architecture"},
            {"REL02-BP01", "Give public endpoints highly available network connectivity"},
            {"REL02-BP02", "Provide redundant connectivity between private networks"},
            {"REL02-BP03", "Allocate IP subnets with room for growth and availability"},
            {"REL04-BP02", "Keep dependencies loosely coupled"},
            {"REL05-BP04", "Fail fast and keep queues bounded"},
            {"REL06-BP01", "Monitor every component of the workload"},
            {"REL06-BP02", "Define and compute the metrics that matter"},
            {"REL06-BP03", "Send notifications as soon as an alarm fires"},
            {"REL06-BP04", "Respond to alarms automatically"},
            {"REL06-BP05", "Analyze logs"},
            {"REL06-BP06", "Review monitoring scope and metrics regularly"},
            {"REL06-BP07", "Trace requests end to end through the system"},
            {"REL07-BP01", "Obtain and scale resources automatically"},
            {"REL07-BP02", "Obtain resources when an impairment is detected"},
            {"REL07-BP03", "Obtain resources ahead of expected demand"},
            {"REL07-BP04", "Load test the workload"},
            {"REL08-BP05", "Deploy changes through automation"},
            {"REL09-BP01", "Identify all data that needs backing up, and back it up"},
            {"REL09-BP02", "Protect and encrypt backups"},
            {"REL09-BP03", "Back up data automatically"},
            {"REL09-BP04", "Restore data periodically to prove the backups work"},
            {"REL10-BP01", "Deploy the workload to multiple locations"},
            {"REL10-BP02", "Automate recovery for components confined to a single location"},
            {"REL10-BP03", "Contain failures with bulkhead architectures"},
            {"REL11-BP01", "Monitor all components to detect failures"},
            {"REL11-BP02", "Fail over to healthy resources"},
            {"REL11-BP03", "Heal every layer automatically"},
            {"REL11-BP04", "Depend on the data plane, not the control plane, during recovery"},
            {"REL11-BP05", "Design for static stability"},
            {"REL11-BP06", "Notify people when availability is affected"},
            {"REL11-BP07", "Set availability targets and measure against them"},
            {"REL13-BP01", "Set recovery time and recovery point objectives"},
            {"REL13-BP02", "Choose recovery strategies that meet the objectives"},
            {"REL13-BP03", "Test disaster recovery to validate it"},
            {"REL13-BP04", "Keep the recovery site free of configuration drift"},
            {"REL13-BP05", "Automate recovery"},
            {"REL-1", "Question: manage service quotas and constraints"},
            {"REL-6", "Question: monitor workload resources"},
            {"REL-10", "Question: isolate faults to protect the workload"},
    };

    private WellArchitectedReliabilityControls() {
    }
}
