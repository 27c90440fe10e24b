package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.DbParameterGroup;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * R10: parameter groups in use keep commits durable. MySQL, MariaDB and Aurora MySQL: innodb_flush_log_at_trx_commit
 * and sync_binlog are 1; in an instance group used by a (non-Aurora) read replica, read_only is {TrueIfReplica} or
 * on. PostgreSQL and Aurora PostgreSQL: synchronous_commit is not off. A parameter at its engine default (source
 * engine-default or system, every parameter of an AWS default group) or not set in the group passes. Each group is
 * judged on its own values: a cluster group value overridden by instance groups still fails, since new members
 * inherit it. Other engines are not applicable; the engine comes from the family, else from the group's users.
 */
public final class RdsDurabilityParametersRule implements Rule {
    private static final Set<String> TRUE_VALUES = Set.of("{trueifreplica}", "1", "on", "true");

    private static final RuleMetadata METADATA = new RuleMetadata("rds-durability-parameters", "R10",
            "Database parameters keep committed transactions durable", Severity.MEDIUM, "DbParameterGroup",
            "Relaxed flush settings (innodb_flush_log_at_trx_commit, sync_binlog other than 1, PostgreSQL "
                    + "synchronous_commit=off) acknowledge commits before they are on disk: a crash or failover "
                    + "loses them. A writable read replica drifts from its source and breaks replication.",
            "Reset the parameters to their engine defaults, or set innodb_flush_log_at_trx_commit=1, sync_binlog=1, "
                    + "read_only={TrueIfReplica} and synchronous_commit=on (aws rds modify-db-parameter-group / "
                    + "modify-db-cluster-parameter-group).",
            Controls.of("REL09-BP01*", "A1.2*, PI1.5*", "A.8.13*", "CP-10(2)*, SI-13(5)*"), List.of(),
            Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        // Users of each group are indexed once by (account, region, group name): no scan per group.
        Map<String, List<DbCluster>> clustersByGroup = new HashMap<>();
        for (DbCluster c : context.inventory().all(DbCluster.class)) {
            if (c.parameterGroupName() != null) {
                clustersByGroup.computeIfAbsent(key(c.scope(), c.parameterGroupName()), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, List<DbInstance>> instancesByGroup = new HashMap<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            for (String name : db.parameterGroupNames()) {
                instancesByGroup.computeIfAbsent(key(db.scope(), name), k -> new ArrayList<>()).add(db);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (DbParameterGroup group : context.inventory().all(DbParameterGroup.class)) {
            String groupKey = key(group.scope(), group.name());
            Set<String> users = new TreeSet<>();
            String engine = group.family();
            boolean usedByReplica = false;
            if (DbParameterGroup.CLUSTER.equals(group.kind())) {
                for (DbCluster c : clustersByGroup.getOrDefault(groupKey, List.of())) {
                    users.add(c.identifier());
                    engine = engine != null ? engine : c.engine();
                }
            } else {
                for (DbInstance db : instancesByGroup.getOrDefault(groupKey, List.of())) {
                    users.add(db.identifier());
                    engine = engine != null ? engine : db.engine();
                    usedByReplica |= db.isReadReplica() && !RdsEngines.isAurora(db.engine());
                }
            }
            FindingBuilder f = context.on(group).evidence("Family", group.family()).evidence("Kind", group.kind())
                    .evidence("UsedBy", List.copyOf(users)).evidence("Parameters", group.parameters())
                    .evidence("EngineDefaultParameters", group.engineDefaultParameters());
            findings.add(judge(f, group, users, engine, usedByReplica));
        }
        return findings;
    }

    private static String key(ScanScope scope, String groupName) {
        return scope.account() + "/" + scope.region() + "/" + groupName;
    }

    private static Finding judge(FindingBuilder f, DbParameterGroup group, Set<String> users, String engine,
                                 boolean usedByReplica) {
        if (users.isEmpty()) {
            return f.notApplicable("no DB instance or cluster uses this parameter group");
        }
        if (engine == null) {
            return f.error("neither the group's family nor its users' engine was collected");
        }
        String e = engine.toLowerCase(Locale.ROOT);
        boolean postgres = e.startsWith("postgres") || e.startsWith("aurora-postgresql");
        boolean mysql = !postgres && (e.startsWith("mysql") || e.startsWith("mariadb") || e.startsWith("aurora"));
        if (!mysql && !postgres) {
            return f.notApplicable("no durability parameters are checked for " + engine);
        }
        if (group.parameters() == null) {
            return f.error("the group's parameters were not collected; cannot check their values");
        }
        List<String> problems = new ArrayList<>();
        String lost = "commits can be lost on a crash or failover";
        if (mysql) {
            check(group, "innodb_flush_log_at_trx_commit", v -> v.equals("1"), lost, problems);
            check(group, "sync_binlog", v -> v.equals("1"), lost, problems);
            if (usedByReplica) {
                check(group, "read_only", TRUE_VALUES::contains, "read replicas using it accept writes and drift "
                        + "from their source", problems);
            }
        } else {
            check(group, "synchronous_commit", v -> !v.equals("off"), lost, problems);
        }
        if (!problems.isEmpty()) {
            return f.fail(String.join("; ", problems));
        }
        return f.pass("durability parameters are at engine defaults or safe values (used by "
                + String.join(", ", users) + ")");
    }

    private static void check(DbParameterGroup group, String name, Predicate<String> safe, String risk,
                              List<String> problems) {
        String value = group.parameters().get(name);
        if (value == null || group.engineDefaultParameters().contains(name)) {
            return;
        }
        if (!safe.test(value.trim().toLowerCase(Locale.ROOT))) {
            problems.add(name + "=" + value + ": " + risk);
        }
    }
}
