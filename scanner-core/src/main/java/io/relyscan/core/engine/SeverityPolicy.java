package io.relyscan.core.engine;

import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies the configured severities to a rule's findings, in two steps:
 * <ol>
 *   <li><b>override</b>: when the rule's severity is overridden, every finding of the rule moves by
 *   (override − rule default) levels, clamped to CRITICAL..INFO, so a rule's softer failures stay as far below
 *   its main failures as the rule put them;</li>
 *   <li><b>tier-1 escalation</b>: a FAIL finding about a tier-1 resource goes one level higher
 *   ({@link Severity#higher()}).</li>
 * </ol>
 * Only FAIL findings are annotated: {@code tier1: true} for a tier-1 resource and, when the severity changed,
 * {@code severityAdjustedFrom} with the severity the rule gave. Other outcomes only take the shifted severity,
 * which for them merely mirrors the rule's effective severity.
 */
public final class SeverityPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(SeverityPolicy.class);

    private final EngineSettings settings;

    public SeverityPolicy(EngineSettings settings) {
        this.settings = settings;
    }

    /** The rule's metadata with its effective default severity (the override, when there is one). */
    public RuleMetadata effective(RuleMetadata rule) {
        Optional<Severity> override = settings.severityOf(rule.id());
        if (override.isEmpty() || override.get() == rule.severity()) {
            return rule;
        }
        return new RuleMetadata(rule.id(), rule.catalogId(), rule.title(), override.get(), rule.resourceType(),
                rule.rationale(), rule.remediation(), rule.controls(), rule.parameters(), rule.inputs());
    }

    public List<Finding> apply(RuleMetadata rule, Inventory inventory, List<Finding> findings) {
        int levels = settings.severityOf(rule.id()).map(s -> s.ordinal() - rule.severity().ordinal()).orElse(0);
        Optional<Tier1Selector> tier1 = settings.tier1();
        if (levels == 0 && tier1.isEmpty()) {
            return findings;
        }
        return findings.stream().map(f -> apply(f, levels, tier1, inventory)).toList();
    }

    private static Finding apply(Finding f, int levels, Optional<Tier1Selector> tier1, Inventory inventory) {
        Severity severity = shift(f.severity(), levels);
        if (f.outcome() != Outcome.FAIL) {
            return severity == f.severity() ? f : with(f, severity, Map.of());
        }
        Map<String, Object> extra = new TreeMap<>();
        boolean isTier1 = tier1.isPresent() && inventory.byArn(f.resourceArn()).map(tier1.get()::matches)
                .orElse(false);
        if (isTier1) {
            severity = severity.higher();
            extra.put("tier1", true);
        }
        if (severity != f.severity()) {
            extra.put("severityAdjustedFrom", f.severity().name());
        }
        return extra.isEmpty() ? f : with(f, severity, extra);
    }

    /**
     * Logs how many resources are tier-1, and warns when none is although resources were collected: a
     * misspelt tag key or value would otherwise silently disable the escalation.
     */
    static void reportTier1(Tier1Selector selector, Inventory inventory) {
        long tier1 = inventory.resources().stream().filter(selector::matches).count();
        if (tier1 == 0 && !inventory.resources().isEmpty()) {
            LOG.warn("tier-1: no resource has the tag {} (tier1 in the configuration); nothing is escalated",
                    selector.describe());
        } else {
            LOG.info("tier-1: {} of {} resources have the tag {}", tier1, inventory.resources().size(),
                    selector.describe());
        }
    }

    /** Moves by {@code levels} (positive: less severe), clamped to CRITICAL..INFO. */
    static Severity shift(Severity severity, int levels) {
        Severity[] all = Severity.values();
        return all[Math.max(0, Math.min(all.length - 1, severity.ordinal() + levels))];
    }

    private static Finding with(Finding f, Severity severity, Map<String, Object> extraEvidence) {
        TreeMap<String, Object> evidence = new TreeMap<>(f.evidence());
        evidence.putAll(extraEvidence);
        return new Finding(f.id(), f.ruleId(), f.resourceArn(), f.resourceType(), f.resourceName(), f.account(),
                f.region(), f.outcome(), severity, f.message(), evidence, f.parameters());
    }
}
