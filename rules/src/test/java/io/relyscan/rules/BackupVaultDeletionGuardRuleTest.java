package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class BackupVaultDeletionGuardRuleTest {
    private static final String ACTIONS = "[\"backup:DeleteRecoveryPoint\", \"backup:UpdateRecoveryPointLifecycle\", "
            + "\"backup:PutBackupVaultAccessPolicy\"]";
    private static final String ADMIN = "arn:aws:iam::111122223333:role/BreakGlass";
    private final BackupVaultDeletionGuardRule rule = new BackupVaultDeletionGuardRule();

    private static String statement(String principal, String action, String resource, String extra) {
        return "{\"Sid\":\"DenyDelete\",\"Effect\":\"Deny\",\"Principal\":" + principal + ",\"Action\":" + action
                + ",\"Resource\":" + resource + extra + "}";
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private Finding judge(String policy) {
        return judge(policy, Map.of());
    }

    private Finding judge(String policy, Map<String, String> parameters) {
        return only(evaluate(rule, InventoryFixture.create().backupVault("Default")
                .backupVaultAccessPolicy("Default", policy).build(), parameters));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":[\"*\"]}"})
    void evaluate_whenDenyForEveryPrincipalCoversAllThreeActions_passes(String principal) {
        Finding f = judge(policy(statement(principal, ACTIONS, "\"*\"", "")));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("UncoveredActions", List.of());
        assertThat(f.evidence().get("Policy").toString()).contains("DenyDelete");
    }

    @Test
    void evaluate_whenActionWildcardsCoverTheActions_passes() {
        assertThat(judge(policy(statement("\"*\"", "\"backup:*\"", "\"*\"", ""))).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(judge(policy(statement("\"*\"", "[\"backup:Delete*\",\"backup:Update*\",\"backup:Put*\"]",
                "\"*\"", ""))).outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(policy(statement("\"*\"", "[\"BACKUP:deleteRecoveryPoint\",\"backup:*RecoveryPoint?ifecycle\","
                + "\"backup:PutBackupVault*\"]", "\"*\"", ""))).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenStatementsTogetherCoverTheActions_passes() {
        Finding f = judge(policy(statement("\"*\"", "\"backup:DeleteRecoveryPoint\"", "\"*\"", ""),
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"backup:UpdateRecoveryPointLifecycle\","
                        + "\"backup:PutBackupVaultAccessPolicy\"],\"Resource\":\"*\"}"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence().get("DenyingStatements").toString()).contains("Statement 2");
    }

    @Test
    void evaluate_whenSingleStatementObject_isRead() {
        Finding f = judge("{\"Version\":\"2012-10-17\",\"Statement\":" + statement("\"*\"", ACTIONS, "\"*\"", "")
                + "}");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenVaultHasNoPolicy_fails() {
        Finding f = judge(null);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).startsWith("no access policy");
    }

    @Test
    void evaluate_whenPolicyMissesActions_failsNamingThem() {
        Finding f = judge(policy(statement("\"*\"", "\"backup:Delete*\"", "\"*\"", "")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("UncoveredActions",
                List.of("backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"));
    }

    @Test
    void evaluate_whenOnlyAllowStatements_fails() {
        Finding f = judge(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":" + ACTIONS
                + ",\"Resource\":\"*\"}"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence().get("UncoveredActions")).asList().hasSize(3);
    }

    @Test
    void evaluate_whenDenyNamesOnePrincipal_failsAndSaysWhy() {
        Finding f = judge(policy(statement("{\"AWS\":\"arn:aws:iam::111122223333:role/Ops\"}", ACTIONS, "\"*\"",
                "")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("denies only the principals it names");
    }

    @Test
    void evaluate_whenPrincipalArnConditionExemptsAListedPrincipal_passes_otherwiseFails() {
        String exempting = policy(statement("\"*\"", ACTIONS, "\"*\"",
                ",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":[\"" + ADMIN + "\"]}}"));

        Finding unlisted = judge(exempting);
        assertThat(unlisted.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(unlisted.message()).contains("exempts principals not in principalArnList: [" + ADMIN + "]");
        assertThat(judge(exempting, Map.of("principalArnList", " arn:aws:iam::111122223333:role/Other, " + ADMIN))
                .outcome()).isEqualTo(Outcome.PASS);
        assertThat(judge(exempting, Map.of("principalArnList", "arn:aws:iam::111122223333:role/Break*"))
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNotPrincipalExemptsAListedPrincipal_passes() {
        String p = policy("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + ADMIN + "\"]},\"Action\":"
                + ACTIONS + ",\"Resource\":\"*\"}");

        assertThat(judge(p).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(judge(p, Map.of("principalArnList", ADMIN)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenOtherConditionMayLiftTheDeny_fails() {
        Finding f = judge(policy(statement("\"*\"", ACTIONS, "\"*\"",
                ",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("Condition NotIpAddress on aws:SourceIp");
    }

    @Test
    void evaluate_whenNotActionLeavesTheActionsDenied_passes_butNotWhenItListsThem() {
        assertThat(judge(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"backup:List*\","
                + "\"Resource\":\"*\"}")).outcome()).isEqualTo(Outcome.PASS);
        Finding f = judge(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":"
                + "\"backup:DeleteRecoveryPoint\",\"Resource\":\"*\"}"));
        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("UncoveredActions", List.of("backup:DeleteRecoveryPoint"));
    }

    @Test
    void evaluate_whenResourceIsOnlyRecoveryPoints_leavesThePolicyActionOpen() {
        Finding f = judge(policy(statement("\"*\"", ACTIONS,
                "\"arn:aws:backup:us-east-1:111122223333:recovery-point:*\"", "")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("UncoveredActions", List.of("backup:PutBackupVaultAccessPolicy"));
    }

    @Test
    void evaluate_whenResourceNamesTheVaultAndItsRecoveryPoints_passes() {
        Finding f = judge(policy(statement("\"*\"", ACTIONS, "[\"arn:aws:backup:*:111122223333:recovery-point:*\","
                + "\"arn:aws:backup:us-east-1:111122223333:backup-vault:Default\"]", "")));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNotResourceIsUsed_doesNotCountIt() {
        Finding f = judge(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":" + ACTIONS
                + ",\"NotResource\":\"arn:aws:backup:us-east-1:111122223333:recovery-point:keep\"}"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("NotResource");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"Version\":\"2012-10-17\"}", "[]", "{\"Statement\":[\"x\"]}",
            "{\"Statement\":[{\"Principal\":\"*\"}]}", "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":{}}]}",
            "{\"Statement\":[]} trailing"})
    void evaluate_whenPolicyIsMalformed_failsWithReason(String malformed) {
        Finding f = judge(malformed);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).startsWith("the access policy cannot be read (");
    }

    @Test
    void evaluate_whenRestoreAccessVault_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupVault("ra", v -> v.vaultType("RESTORE_ACCESS_BACKUP_VAULT")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenPolicyNotCollected_isError() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupVault("Default").build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().backupVault("Default")
                .backupVaultAccessPolicy("Default", policy(statement("\"*\"", ACTIONS, "\"*\"", "")))
                .failed(AwsService.BACKUP).build());
    }
}
