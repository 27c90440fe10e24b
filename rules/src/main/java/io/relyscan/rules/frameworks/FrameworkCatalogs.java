package io.relyscan.rules.frameworks;

import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.rule.Framework;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reliability-relevant controls of each framework, with short titles in relyscan's own words. Every control
 * a built-in rule maps to must be listed here (a test checks it); controls no rule maps to are reported as
 * manual. Add a control here before mapping a rule to it.
 */
public final class FrameworkCatalogs {
    private static final Map<Framework, ControlCatalog> CATALOGS = new EnumMap<>(Framework.class);

    static {
        put(Framework.WA_RELIABILITY, WellArchitectedReliabilityControls.CONTROLS);
        put(Framework.SOC2, Soc2Controls.CONTROLS);
        put(Framework.ISO27001, Iso27001Controls.CONTROLS);
        put(Framework.NIST_800_53, Nist80053Controls.CONTROLS);
    }

    private FrameworkCatalogs() {
    }

    private static void put(Framework framework, String[][] rows) {
        List<ControlDefinition> controls = new ArrayList<>();
        for (String[] row : rows) {
            if (row.length != 2) {
                throw new IllegalStateException(framework.id() + ": a control row needs an id and a title");
            }
            controls.add(ControlDefinition.of(framework, row[0], row[1]));
        }
        CATALOGS.put(framework, ControlCatalog.of(framework, controls));
    }

    /** The catalog of one framework. */
    public static ControlCatalog of(Framework framework) {
        return CATALOGS.get(framework);
    }

    /** Every framework's catalog, in the order of {@link Framework}. */
    public static List<ControlCatalog> all() {
        return List.copyOf(CATALOGS.values());
    }
}
