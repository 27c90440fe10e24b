package io.relyscan.core.engine;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Runs rules over an inventory. Two guarantees live here rather than in each rule:
 * <ul>
 *   <li>a rule that throws becomes ERROR findings and the evaluation goes on;</li>
 *   <li>in a scope where any service a rule reads was not completely collected, every finding of that rule
 *   becomes ERROR (the observed outcome is kept as evidence), and a scope-level ERROR finding says what is
 *   missing, so "none found" and "could not look" never look alike.</li>
 * </ul>
 * Configured severities (overrides and tier-1 escalation) are applied last, by {@link SeverityPolicy}.
 */
public final class RuleEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final List<Rule> rules;
    private final EngineSettings settings;
    private final SeverityPolicy severityPolicy;

    public RuleEngine(List<Rule> rules, Map<String, Map<String, String>> parameterOverrides) {
        this(rules, EngineSettings.defaults().withParameters(parameterOverrides));
    }

    /** Rules run with configured parameters, severity overrides and tier-1 escalation. */
    public RuleEngine(List<Rule> rules, EngineSettings settings) {
        this.rules = List.copyOf(rules);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.severityPolicy = new SeverityPolicy(settings);
    }

    public static RuleEngine withDefaults(List<Rule> rules) {
        return new RuleEngine(rules, Map.of());
    }

    public List<Rule> rules() {
        return rules;
    }

    public EngineSettings settings() {
        return settings;
    }

    /** The rule's metadata as evaluated: its severity is the configured override, when there is one. */
    public RuleMetadata effectiveMetadata(Rule rule) {
        return severityPolicy.effective(rule.metadata());
    }

    /**
     * All findings of all rules, sorted by rule id and resource ARN (ties in rule order, then in the order the
     * rule gave them). Rules are independent and read an immutable inventory, so they are evaluated in parallel
     * (the common fork-join pool and the calling thread); each rule's findings are sorted on the thread that
     * produced them, and the final sort only merges already ordered runs. The result does not depend on the
     * number of threads.
     */
    public List<Finding> evaluate(Inventory inventory) {
        settings.tier1().ifPresent(selector -> SeverityPolicy.reportTier1(selector, inventory));
        List<Finding[]> perRule = IntStream.range(0, rules.size()).parallel()
                .mapToObj(i -> sortedFindings(rules.get(i), inventory)).toList();
        // Runs in rule id order (stable: rules sharing an id keep their catalog order), so that the stable sort
        // below finds the array almost sorted and returns what sorting the concatenation in rule order would.
        Integer[] order = IntStream.range(0, rules.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparing(i -> rules.get(i).metadata().id()));
        Finding[] all = new Finding[perRule.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (int i : order) {
            Finding[] run = perRule.get(i);
            System.arraycopy(run, 0, all, at, run.length);
            at += run.length;
        }
        Arrays.sort(all);
        return Collections.unmodifiableList(Arrays.asList(all));
    }

    private Finding[] sortedFindings(Rule rule, Inventory inventory) {
        Finding[] findings = severityPolicy.apply(rule.metadata(), inventory, evaluate(rule, inventory))
                .toArray(new Finding[0]);
        Arrays.sort(findings);
        return findings;
    }

    List<Finding> evaluate(Rule rule, Inventory inventory) {
        RuleMetadata meta = rule.metadata();
        RuleContext context = new RuleContext(meta, inventory, settings.parametersOf(meta.id()),
                settings.tier1().orElse(null));
        List<Finding> raw;
        try {
            raw = Objects.requireNonNull(rule.evaluate(context), "rule returned null");
        } catch (RuntimeException e) {
            LOG.warn("rule {} failed: {}", meta.id(), e.toString());
            LOG.debug("rule failure", e);
            return inventory.scopes().stream()
                    .map(scope -> context.on(scope).evidence("exception", e.getClass().getName())
                            .error("rule failed while evaluating: " + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage())))
                    .toList();
        }
        return guardCoverage(meta, context, inventory, raw);
    }

    private List<Finding> guardCoverage(RuleMetadata meta, RuleContext context, Inventory inventory,
                                        List<Finding> raw) {
        Map<ScanScope, List<CoverageEntry>> incomplete = new LinkedHashMap<>();
        for (ScanScope scope : inventory.scopes()) {
            List<CoverageEntry> missing = new ArrayList<>();
            for (AwsService service : meta.inputs().stream().sorted().toList()) {
                CoverageEntry entry = inventory.coverage().entry(scope, service);
                if (!entry.status().isComplete()) {
                    missing.add(entry);
                }
            }
            if (!missing.isEmpty()) {
                incomplete.put(scope, missing);
            }
        }
        if (incomplete.isEmpty()) {
            // Every input complete (the usual case): only drop repeated ids, keeping the first, as below.
            Set<String> ids = new HashSet<>(raw.size() * 2);
            List<Finding> unique = new ArrayList<>(raw.size());
            for (Finding f : raw) {
                if (ids.add(f.id())) {
                    unique.add(f);
                }
            }
            return Collections.unmodifiableList(unique);
        }
        // Insertion order is enough here: evaluate() sorts all findings once at the end.
        Map<String, Finding> byId = new LinkedHashMap<>();
        for (Finding f : raw) {
            List<CoverageEntry> missing = scopeOf(f).map(incomplete::get).orElse(null);
            Finding guarded = missing == null || f.outcome() == Outcome.ERROR ? f : downgrade(f, missing);
            byId.putIfAbsent(guarded.id(), guarded);
        }
        incomplete.forEach((scope, missing) -> {
            Finding scopeError = context.on(scope)
                    .evidence("incompleteInputs", missing.stream().map(RuleEngine::describe).toList())
                    .error("inputs not completely collected in " + scope + ": " + summarize(missing));
            byId.putIfAbsent(scopeError.id(), scopeError);
        });
        return List.copyOf(byId.values());
    }

    private static java.util.Optional<ScanScope> scopeOf(Finding f) {
        try {
            return java.util.Optional.of(new ScanScope(f.account(), f.region()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static Finding downgrade(Finding f, List<CoverageEntry> missing) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("observedOutcome", f.outcome().name());
        extra.put("incompleteInputs", missing.stream().map(RuleEngine::describe).toList());
        return f.withOutcome(Outcome.ERROR, "inputs incomplete (" + summarize(missing) + "); on partial data: "
                + f.message(), extra);
    }

    private static String describe(CoverageEntry e) {
        String gaps = e.describeGaps();
        return e.service().id() + " " + e.status().name() + (gaps.isEmpty() ? "" : " (" + gaps + ")");
    }

    private static String summarize(List<CoverageEntry> missing) {
        return String.join(", ", missing.stream().map(RuleEngine::describe).toList());
    }
}
