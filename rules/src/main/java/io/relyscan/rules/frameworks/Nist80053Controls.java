package io.relyscan.rules.frameworks;

/**
 * NIST SP 800-53 rev5: the controls and enhancements the rules catalog maps reliability checks to (rows
 * R01–R61 and the Security Hub and conformance-pack lists of section 2.4), plus CP-2 and CP-7. Ids are
 * written as the catalog writes them, including statement items such as SC-36(1)(a).
 */
final class Nist80053Controls {
    static final String[][] CONTROLS = {
            {"AU-6(1)", "Integrate audit review and reporting through automation"},
            {"AU-6(5)", "Analyse audit records together with other monitoring data"},
            {"AU-9(2)", "Keep audit records on a separate system"},
            {"AU-12(3)", "Let authorized staff change what is audited"},
            {"CA-2(2)", "Include specialized assessments such as monitoring and testing"},
            {"CA-7", "Monitor controls continuously"},
            {"CA-9(1)", "Check internal system connections for compliance"},
            {"CM-2", "Keep a baseline configuration"},
            {"CM-2(2)", "Keep the baseline accurate with automation"},
            {"CM-3", "Control configuration changes"},
            {"CM-6", "Set and enforce configuration settings"},
            {"CM-6(1)", "Manage and verify configuration settings centrally"},
            {"CM-8", "Keep an inventory of system components"},
            {"CM-8(2)", "Keep the component inventory current with automation"},
            {"CP-2", "Maintain a contingency plan"},
            {"CP-2(2)", "Plan capacity for contingency operations"},
            {"CP-2(5)", "Keep essential functions running during a disruption"},
            {"CP-4", "Test the contingency plan"},
            {"CP-6", "Keep an alternate storage site for backups"},
            {"CP-6(1)", "Separate the alternate storage site from the primary"},
            {"CP-6(2)", "Configure the alternate storage site to meet recovery objectives"},
            {"CP-7", "Keep an alternate processing site"},
            {"CP-9", "Back up system data"},
            {"CP-9(1)", "Test backups for reliability and integrity"},
            {"CP-10", "Recover and reconstitute the system to a known state"},
            {"CP-10(2)", "Recover transactions"},
            {"IR-4(1)", "Support incident handling with automation"},
            {"IR-4(5)", "Disable the system automatically on defined violations"},
            {"SC-5(2)", "Keep capacity, bandwidth and redundancy to withstand floods"},
            {"SC-6", "Protect resource availability with quotas and priorities"},
            {"SC-22", "Make name and address resolution fault tolerant"},
            {"SC-36", "Distribute processing and storage across locations"},
            {"SC-36(1)(a)", "Poll distributed components to detect faults and errors"},
            {"SI-2", "Remediate flaws"},
            {"SI-4", "Monitor the system"},
            {"SI-4(5)", "Raise alerts from system-generated indications"},
            {"SI-4(12)", "Raise alerts automatically on defined events"},
            {"SI-12", "Manage and retain information as required"},
            {"SI-13(5)", "Provide failover capability"},
            {"SI-20", "Embed traceable data to detect its misuse"},
    };

    private Nist80053Controls() {
    }
}
