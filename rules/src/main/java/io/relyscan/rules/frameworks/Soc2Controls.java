package io.relyscan.rules.frameworks;

/**
 * SOC 2 Trust Services Criteria: the Availability criteria and the other criteria the rules catalog maps
 * reliability checks to, plus CC9.1 (business disruption), which no automated check covers.
 */
final class Soc2Controls {
    static final String[][] CONTROLS = {
            {"A1.1", "Monitor processing capacity and plan it against demand"},
            {"A1.2", "Put protections, backups and recovery infrastructure in place"},
            {"A1.3", "Test the recovery procedures"},
            {"C1.1", "Identify confidential information and keep it protected"},
            {"C1.2", "Dispose of confidential information when required"},
            {"CC2.1", "Use relevant, good-quality information to support internal control"},
            {"CC3.1", "State objectives clearly enough to identify the risks to them"},
            {"CC3.4", "Identify and assess changes that affect internal control"},
            {"CC4.2", "Report control deficiencies promptly to those who act on them"},
            {"CC7.1", "Detect configuration changes and newly found weaknesses"},
            {"CC7.2", "Monitor system components for anomalies"},
            {"CC7.3", "Evaluate events to decide whether they are incidents"},
            {"CC7.4", "Respond to incidents"},
            {"CC7.5", "Recover from incidents"},
            {"CC8.1", "Authorize, test and approve changes before they are deployed"},
            {"CC9.1", "Identify and mitigate the risk of business disruption"},
            {"PI1.3", "Process data completely, accurately and on time"},
            {"PI1.5", "Store inputs and outputs completely and accurately"},
    };

    private Soc2Controls() {
    }
}
