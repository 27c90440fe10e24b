package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbEventSubscription;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * R08 (per region): enabled RDS event subscriptions deliver the failure, failover and maintenance events of the
 * region's DB instances (source type db-instance) and DB clusters (db-cluster); a type the region has none of is
 * not required, and a region without either is not applicable. Categories may come from several subscriptions; no
 * source type or no category means all. A subscription limited to source ids covers a type only when it lists every
 * resource of that type. Subscriptions that are disabled, or whose status is no-permission, topic-not-exist or
 * deleting, deliver nothing and do not count.
 */
public final class RdsEventSubscriptionRule implements Rule {
    private static final List<String> CATEGORIES = List.of("failure", "failover", "maintenance");
    private static final Set<String> BROKEN = Set.of("no-permission", "topic-not-exist", "deleting");

    private static final RuleMetadata METADATA = new RuleMetadata("rds-event-subscription", "R08",
            "RDS failure, failover and maintenance events are delivered", Severity.MEDIUM, "Region",
            "RDS announces failures, Multi-AZ failovers and upcoming maintenance as events; without a "
                    + "subscription nobody is told that a database failed over, is degraded or will restart in a "
                    + "maintenance window.",
            "Create an RDS event subscription to an SNS topic with a subscriber, for source types db-instance and "
                    + "db-cluster and at least the failure, failover and maintenance categories "
                    + "(aws rds create-event-subscription).",
            Controls.of("REL06-BP03, REL11-BP06", "CC7.2*, CC7.3*", "A.8.16*", "CA-7, SI-2"), List.of(),
            Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (ScanScope scope : context.inventory().scopes()) {
            List<DbEventSubscription> subs = inScope(context.inventory().all(DbEventSubscription.class), scope);
            List<DbInstance> instances = inScope(context.inventory().all(DbInstance.class), scope);
            List<DbCluster> clusters = inScope(context.inventory().all(DbCluster.class), scope);
            FindingBuilder f = context.on(scope).evidence("EventSubscriptions", subs.stream()
                    .map(s -> s.name() + " (" + (s.sourceType() == null ? "all sources" : s.sourceType()) + "; "
                            + (s.eventCategories().isEmpty() ? "all categories" : String.join(",", s.eventCategories()))
                            + "; enabled=" + s.enabled() + ", status=" + s.status() + ")").sorted().toList());
            if (instances.isEmpty() && clusters.isEmpty()) {
                findings.add(f.notApplicable("no DB instances or clusters in the region"));
                continue;
            }
            List<String> missing = new ArrayList<>();
            boolean unknown = subs.stream().anyMatch(s -> s.enabled() == null);
            if (!instances.isEmpty()) {
                missing.addAll(missing(subs, "db-instance", instances.stream().map(DbInstance::identifier).toList()));
            }
            if (!clusters.isEmpty()) {
                missing.addAll(missing(subs, "db-cluster", clusters.stream().map(DbCluster::identifier).toList()));
            }
            f.evidence("MissingEvents", missing);
            if (missing.isEmpty()) {
                findings.add(f.pass("enabled subscriptions deliver failure, failover and maintenance events"));
            } else if (unknown) {
                findings.add(f.error("not covered: " + String.join(", ", missing)
                        + "; a subscription's Enabled flag was not collected"));
            } else {
                findings.add(f.fail(METADATA.severity().lower(), "no enabled event subscription delivers "
                        + String.join(", ", missing) + " events"));
            }
        }
        return findings;
    }

    /** The "type:category" pairs no usable subscription delivers for all of these resources. */
    private static List<String> missing(List<DbEventSubscription> subs, String type, List<String> ids) {
        List<String> missing = new ArrayList<>();
        for (String category : CATEGORIES) {
            boolean covered = subs.stream().anyMatch(s -> Boolean.TRUE.equals(s.enabled())
                    && (s.status() == null || !BROKEN.contains(s.status().toLowerCase(Locale.ROOT)))
                    && (s.sourceType() == null || s.sourceType().equalsIgnoreCase(type))
                    && (s.eventCategories().isEmpty() || s.eventCategories().contains(category))
                    && (s.sourceIds().isEmpty() || new HashSet<>(s.sourceIds()).containsAll(ids)));
            if (!covered) {
                missing.add(type + ":" + category);
            }
        }
        return missing;
    }

    private static <T extends Resource> List<T> inScope(List<T> resources, ScanScope scope) {
        return resources.stream().filter(r -> r.scope().equals(scope)).toList();
    }
}
