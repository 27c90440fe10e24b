package io.relyscan.rules.frameworks;

/** ISO/IEC 27001:2022 Annex A: the controls the rules catalog maps reliability checks to, plus A.5.29. */
final class Iso27001Controls {
    static final String[][] CONTROLS = {
            {"A.5.16", "Manage identities over their whole lifecycle"},
            {"A.5.22", "Monitor, review and manage changes to supplier services"},
            {"A.5.29", "Keep information secure during a disruption"},
            {"A.5.30", "Keep ICT ready for business continuity"},
            {"A.8.3", "Restrict access to information"},
            {"A.8.6", "Monitor and adjust capacity to current and expected needs"},
            {"A.8.9", "Establish, monitor and review configurations"},
            {"A.8.10", "Delete information that is no longer needed"},
            {"A.8.13", "Keep backups of information and test them"},
            {"A.8.14", "Provide enough redundancy to meet availability needs"},
            {"A.8.16", "Monitor networks, systems and applications for anomalous behaviour"},
    };

    private Iso27001Controls() {
    }
}
