package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsDurabilityParametersRuleTest {
    private final RdsDurabilityParametersRule rule = new RdsDurabilityParametersRule();

    private static InventoryFixture mysqlUsing(String group) {
        return InventoryFixture.create().dbInstance("ledger", db -> db.engine("mysql").parameterGroups(group));
    }

    @Test
    void evaluate_whenEngineDefaults_passes() {
        Finding f = only(evaluate(rule, mysqlUsing("ledger-mysql")
                .dbParameterGroup("ledger-mysql", g -> g.family("mysql8.0")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("UsedBy", List.of("ledger")).containsEntry("Family", "mysql8.0");
    }

    @Test
    void evaluate_whenUserSetSafeValues_passes() {
        Finding f = only(evaluate(rule, mysqlUsing("ledger-mysql").dbParameterGroup("ledger-mysql",
                g -> g.family("mysql8.0").set("innodb_flush_log_at_trx_commit", "1").set("sync_binlog", "1")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenMysqlFlushRelaxed_fails() {
        Finding f = only(evaluate(rule, mysqlUsing("ledger-mysql").dbParameterGroup("ledger-mysql",
                g -> g.family("mysql8.0").set("innodb_flush_log_at_trx_commit", "2").set("sync_binlog", "0")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("innodb_flush_log_at_trx_commit=2").contains("sync_binlog=0");
    }

    @Test
    void evaluate_whenAuroraMysqlClusterGroupRelaxed_fails() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.engine("aurora-mysql").parameterGroup("aurora-tuned"))
                .dbParameterGroup("aurora-tuned", g -> g.cluster().family("aurora-mysql8.0")
                        .set("innodb_flush_log_at_trx_commit", "0")).build()), "aurora-tuned");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("Kind", "cluster").containsEntry("UsedBy", List.of("aurora"));
    }

    @Test
    void evaluate_whenPostgresSynchronousCommitOff_failsButLocalPasses() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("fast", db -> db.parameterGroups("pg-off"))
                .dbInstance("local", db -> db.parameterGroups("pg-local"))
                .dbParameterGroup("pg-off", g -> g.family("postgres16").set("synchronous_commit", "OFF"))
                .dbParameterGroup("pg-local", g -> g.family("postgres16").set("synchronous_commit", "local")).build());

        assertThat(finding(findings, "pg-off").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "pg-local").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenReplicaGroupIsWritable_fails() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("ledger-ro", db -> db.engine("mysql").replicaOf("ledger").parameterGroups("replica"))
                .dbInstance("ledger", db -> db.engine("mysql").parameterGroups("primary"))
                .dbParameterGroup("replica", g -> g.family("mysql8.0").set("read_only", "0"))
                .dbParameterGroup("primary", g -> g.family("mysql8.0").set("read_only", "0")).build());

        assertThat(finding(findings, "replica").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "replica").message()).contains("read_only=0");
        // read_only is only required of groups that read replicas use.
        assertThat(finding(findings, "primary").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenValueIsAtEngineDefault_passesWhateverTheValue() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("ro", db -> db.engine("mariadb").replicaOf("src").parameterGroups("replica"))
                .dbParameterGroup("replica", g -> {
                    // Source engine-default: the value AWS ships is trusted even where it looks relaxed.
                    g.family("mariadb10.11").parameters.put("sync_binlog", "0");
                    return g;
                }).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenUnusedOrOtherEngine_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("erp", db -> db.engine("oracle-ee").parameterGroups("erp-oracle"))
                .dbParameterGroup("erp-oracle", g -> g.family("oracle-ee-19"))
                .dbParameterGroup("orphan", g -> g.family("mysql8.0").set("sync_binlog", "0")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenFamilyUnknown_usesTheUsersEngine() {
        Finding f = only(evaluate(rule, mysqlUsing("ledger-mysql")
                .dbParameterGroup("ledger-mysql", g -> g.family(null).set("sync_binlog", "0")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenParametersNotCollected_errors() {
        Finding f = only(evaluate(rule, mysqlUsing("ledger-mysql")
                .dbParameterGroup("ledger-mysql", g -> g.family("mysql8.0").parametersNotCollected()).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, mysqlUsing("ledger-mysql")
                .dbParameterGroup("ledger-mysql", g -> g.family("mysql8.0")).failed(AwsService.RDS).build());
    }
}
