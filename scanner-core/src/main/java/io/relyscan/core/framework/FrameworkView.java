package io.relyscan.core.framework;

import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Findings grouped by the controls of one framework: every control of the framework's catalog, in natural
 * order, with the rules mapped to it, the outcomes of their findings and a status. Controls no evaluated rule
 * maps to are {@link ControlStatus#MANUAL}.
 */
public record FrameworkView(Framework framework, List<ControlView> controls) {
    public FrameworkView {
        Objects.requireNonNull(framework, "framework");
        controls = controls.stream().sorted((a, b) -> a.control().compareTo(b.control())).toList();
    }

    /**
     * Builds the view of {@code catalog} from the metadata of the rules evaluated and their findings.
     *
     * @throws IllegalArgumentException when a rule maps to a control the catalog does not list (a test keeps
     *                                  the built-in rules and catalogs consistent)
     */
    public static FrameworkView of(ControlCatalog catalog, List<RuleMetadata> rules, List<Finding> findings) {
        Framework framework = catalog.framework();
        Map<String, List<RuleMapping>> byControl = new LinkedHashMap<>();
        for (ControlDefinition c : catalog.controls()) {
            byControl.put(c.id(), new ArrayList<>());
        }
        for (RuleMetadata rule : rules) {
            for (ControlRef ref : rule.controls(framework)) {
                List<RuleMapping> mapped = byControl.get(ref.controlId());
                if (mapped == null) {
                    throw new IllegalArgumentException("rule " + rule.id() + " maps to " + framework.id() + " control "
                            + ref.controlId() + ", which the " + framework.id() + " control catalog does not list");
                }
                mapped.add(new RuleMapping(rule.id(), ref.source()));
            }
        }
        Map<String, EnumMap<Outcome, Long>> byRule = new HashMap<>();
        for (Finding f : findings) {
            byRule.computeIfAbsent(f.ruleId(), id -> new EnumMap<>(Outcome.class)).merge(f.outcome(), 1L, Long::sum);
        }
        List<ControlView> views = new ArrayList<>();
        for (ControlDefinition c : catalog.controls()) {
            List<RuleMapping> mapped = byControl.get(c.id());
            EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (RuleMapping m : mapped) {
                byRule.getOrDefault(m.ruleId(), new EnumMap<>(Outcome.class))
                        .forEach((o, n) -> counts.merge(o, n, Long::sum));
            }
            views.add(new ControlView(c, mapped, counts, ControlView.statusOf(!mapped.isEmpty(), counts)));
        }
        return new FrameworkView(framework, views);
    }

    /** The view of a catalog with no findings: which rules stand behind which control. */
    public static FrameworkView mapping(ControlCatalog catalog, List<RuleMetadata> rules) {
        return of(catalog, rules, List.of());
    }

    /** Number of controls per status; every status is a key. */
    public Map<ControlStatus, Long> byStatus() {
        EnumMap<ControlStatus, Long> counts = new EnumMap<>(ControlStatus.class);
        for (ControlStatus s : ControlStatus.values()) {
            counts.put(s, 0L);
        }
        controls.forEach(c -> counts.merge(c.status(), 1L, Long::sum));
        return java.util.Collections.unmodifiableMap(counts);
    }

    public java.util.Optional<ControlView> control(String id) {
        return controls.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
