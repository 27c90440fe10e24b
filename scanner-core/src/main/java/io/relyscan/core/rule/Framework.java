package io.relyscan.core.rule;

/** Control frameworks that rules map to. */
public enum Framework {
    WA_RELIABILITY("wa-reliability", "AWS Well-Architected Reliability pillar"),
    SOC2("soc2", "SOC 2 Trust Services Criteria"),
    ISO27001("iso27001", "ISO/IEC 27001:2022 Annex A"),
    NIST_800_53("nist-800-53", "NIST SP 800-53 rev5");

    private final String id;
    private final String title;

    Framework(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The framework with this id ({@code wa-reliability}, {@code soc2}, ...), or empty. */
    public static java.util.Optional<Framework> byId(String id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        String wanted = id.trim().toLowerCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }

    /** The ids of all frameworks, comma separated, for messages. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Framework::id).toList());
    }
}
