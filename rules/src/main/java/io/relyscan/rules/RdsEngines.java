package io.relyscan.rules;

import java.util.Locale;

/** Engine families that change how RDS rules apply (they share RDS APIs and ARNs). */
final class RdsEngines {
    private RdsEngines() {
    }

    static boolean isAurora(String engine) {
        return engine != null && engine.toLowerCase(Locale.ROOT).startsWith("aurora");
    }

    /** DocumentDB and Neptune are listed by the RDS APIs but are not RDS databases for these rules. */
    static boolean isDocDbOrNeptune(String engine) {
        if (engine == null) {
            return false;
        }
        String e = engine.toLowerCase(Locale.ROOT);
        return e.equals("docdb") || e.equals("neptune");
    }
}
