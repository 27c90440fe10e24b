package io.relyscan.core.rule;

import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What a rule sees: the inventory, its parameters in effect, and the capture time as "now". */
public final class RuleContext {
    private final RuleMetadata rule;
    private final Inventory inventory;
    private final Map<String, String> parameters;
    private final Tier1Selector tier1;
    /** Shares equal messages and evidence values among the findings built through this context. */
    private final Interner interner = new Interner();

    /**
     * @param overrides parameter values set by configuration; every other parameter takes its default
     */
    public RuleContext(RuleMetadata rule, Inventory inventory, Map<String, String> overrides) {
        this(rule, inventory, overrides, null);
    }

    /**
     * @param overrides parameter values set by configuration; every other parameter takes its default
     * @param tier1     which resources are tier-1, or null when none is configured
     */
    public RuleContext(RuleMetadata rule, Inventory inventory, Map<String, String> overrides, Tier1Selector tier1) {
        this.tier1 = tier1;
        this.rule = Objects.requireNonNull(rule, "rule");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        TreeMap<String, String> effective = new TreeMap<>();
        for (RuleParameter p : rule.parameters()) {
            effective.put(p.name(), p.defaultValue());
        }
        if (overrides != null) {
            overrides.forEach((k, v) -> {
                RuleParameter p = rule.parameter(k).orElseThrow(() -> new IllegalArgumentException(
                        rule.id() + " has no parameter '" + k + "'"));
                String problem = p.problemWith(v);
                if (problem != null) {
                    throw new IllegalArgumentException(rule.id() + "." + k + ": " + problem);
                }
                effective.put(k, v.trim());
            });
        }
        // Immutable and compact: every finding of the rule shares this map instead of copying it.
        this.parameters = CompactSortedMap.copyOf(effective);
    }

    public static RuleContext withDefaults(RuleMetadata rule, Inventory inventory) {
        return new RuleContext(rule, inventory, Map.of());
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The inventory's capture time: rules never read the clock. */
    public Instant now() {
        return inventory.capturedAt();
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * True when the configuration marks the resource tier-1 (production-critical). For rules whose catalog row
     * judges tier-1 resources differently (e.g. "INFO unless tier-1"); the engine escalates every FAIL on a
     * tier-1 resource one more level by itself.
     */
    public boolean isTier1(Resource resource) {
        return tier1 != null && tier1.matches(resource);
    }

    public int intParameter(String name) {
        return Integer.parseInt(requireParameter(name));
    }

    public boolean booleanParameter(String name) {
        return Boolean.parseBoolean(requireParameter(name));
    }

    public String stringParameter(String name) {
        return requireParameter(name);
    }

    /** The items of a STRING_LIST parameter, in order. */
    public java.util.List<String> stringListParameter(String name) {
        return RuleParameter.items(requireParameter(name));
    }

    /** True when the configuration says which resources are tier-1 (a tier1 section in relyscan.yaml). */
    public boolean hasTier1Selector() {
        return tier1 != null;
    }

    private String requireParameter(String name) {
        String v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException(rule.id() + " declares no parameter '" + name + "'");
        }
        return v;
    }

    /** Starts a finding about a resource. */
    public FindingBuilder on(Resource resource) {
        return new FindingBuilder(rule, parameters, resource.arn(), resource.typeName(), resource.displayName(),
                resource.account(), resource.region(), interner);
    }

    /** Starts a finding about a whole account and region. */
    public FindingBuilder on(ScanScope scope) {
        return new FindingBuilder(rule, parameters, scope.arn(), "Region", scope.region(), scope.account(),
                scope.region(), interner);
    }

    /**
     * Starts a finding about a named group of resources within a region (e.g. the instances of one workload
     * tag value). Its pseudo-ARN extends the region's, so that each group gets its own stable finding id.
     */
    public FindingBuilder on(ScanScope scope, String groupType, String groupName) {
        return new FindingBuilder(rule, parameters, scope.arn() + "/" + groupType + "/" + groupName, groupType,
                groupName, scope.account(), scope.region(), interner);
    }
}
