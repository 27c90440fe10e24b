package io.relyscan.rules;

import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.TagCondition;
import io.relyscan.rules.BackupSelectionMatcher.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackupSelectionMatcherTest {
    private static final String DB = "arn:aws:rds:us-east-1:111122223333:db:orders";
    private static final String CLUSTER = "arn:aws:rds:us-east-1:111122223333:cluster:aurora";
    private static final String INSTANCE = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
    private static final String VOLUME = "arn:aws:ec2:us-east-1:111122223333:volume/vol-0abc";

    private static BackupSelectionMatcher matcher(List<String> resources, List<String> notResources,
                                                  List<TagCondition> listOfTags, List<TagCondition> conditions) {
        return BackupSelectionMatcher.compile(new BackupSelection(
                "arn:aws:backup:us-east-1:111122223333:backup-plan:p/selection/s", "111122223333", "us-east-1",
                "p", "s", "s", "arn:aws:iam::111122223333:role/backup", resources, notResources, listOfTags,
                conditions));
    }

    private static BackupSelectionMatcher resources(String... patterns) {
        return matcher(List.of(patterns), List.of(), List.of(), List.of());
    }

    private static Verdict verdict(BackupSelectionMatcher m, String arn, Map<String, String> tags) {
        return m.evaluate(arn, tags).verdict();
    }

    private static Verdict verdict(BackupSelectionMatcher m, String arn) {
        return verdict(m, arn, Map.of());
    }

    @Test
    void evaluate_whenRdsDbWildcard_matchesInstancesButNotClusters() {
        BackupSelectionMatcher m = resources("arn:aws:rds:*:*:db:*");

        assertThat(verdict(m, DB)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, CLUSTER)).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, INSTANCE)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenEc2InstanceWildcard_matchesInstancesButNotVolumes() {
        BackupSelectionMatcher m = resources("arn:aws:ec2:*:*:instance/*");

        assertThat(verdict(m, INSTANCE)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, VOLUME)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenLoneStar_matchesEverything() {
        BackupSelectionMatcher m = resources("*");

        assertThat(List.of(DB, CLUSTER, INSTANCE, VOLUME)).allSatisfy(arn ->
                assertThat(verdict(m, arn)).isEqualTo(Verdict.MATCH));
        assertThat(m.evaluate(DB, Map.of()).reason()).isEqualTo("Resources *");
    }

    @Test
    void evaluate_whenServicePrefixPattern_matchesWholeService() {
        BackupSelectionMatcher m = resources("arn:aws:rds:*");

        assertThat(verdict(m, DB)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, CLUSTER)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, INSTANCE)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenExactArn_matchesOnlyThatResourceAndNotAPrefix() {
        BackupSelectionMatcher m = resources(DB);

        assertThat(verdict(m, DB)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB + "-replica")).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, "arn:aws:rds:us-east-1:111122223333:db:order")).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenArnDiffersInCase_doesNotMatch() {
        assertThat(verdict(resources(DB.toUpperCase()), DB)).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(resources("arn:aws:RDS:*:*:db:*"), DB)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenRegexMetacharactersInPattern_treatsThemLiterally() {
        assertThat(verdict(resources("arn:aws:rds:.*"), DB)).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(resources("arn:aws:ec2:*:*:instance/i-0a?c"), INSTANCE)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenNotResourcesMatches_excludes() {
        BackupSelectionMatcher m = matcher(List.of("*"), List.of("arn:aws:ec2:*:*:volume/*", DB), List.of(), List.of());

        assertThat(verdict(m, VOLUME)).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB)).isEqualTo(Verdict.NO_MATCH);
        assertThat(m.evaluate(DB, Map.of()).reason()).contains("NotResources");
        assertThat(verdict(m, INSTANCE)).isEqualTo(Verdict.MATCH);
    }

    @Test
    void evaluate_whenNotResourcesExcludesTagSelectedResource_excludes() {
        BackupSelectionMatcher m = matcher(List.of(), List.of("arn:aws:rds:*"),
                List.of(new TagCondition("STRINGEQUALS", "backup", "true")), List.of());

        assertThat(verdict(m, DB, Map.of("backup", "true"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, INSTANCE, Map.of("backup", "true"))).isEqualTo(Verdict.MATCH);
    }

    @Test
    void evaluate_whenListOfTags_anyTagSelectsAndAddsToResources() {
        BackupSelectionMatcher m = matcher(List.of(CLUSTER), List.of(), List.of(
                new TagCondition("STRINGEQUALS", "backup", "daily"),
                new TagCondition("STRINGEQUALS", "backup", "weekly")), List.of());

        assertThat(verdict(m, CLUSTER)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("backup", "weekly"))).isEqualTo(Verdict.MATCH);
        assertThat(m.evaluate(DB, Map.of("backup", "weekly")).reason()).isEqualTo("ListOfTags backup=weekly");
        assertThat(verdict(m, DB, Map.of("backup", "Weekly"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB, Map.of("Backup", "weekly"))).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenConditionsAllHold_matchesAndWhenOneFails_doesNot() {
        BackupSelectionMatcher m = matcher(List.of("arn:aws:rds:*:*:db:*"), List.of(), List.of(), List.of(
                new TagCondition("STRINGEQUALS", "aws:ResourceTag/backup", "true"),
                new TagCondition("STRINGEQUALS", "aws:ResourceTag/stage", "prod")));

        assertThat(verdict(m, DB, Map.of("backup", "true", "stage", "prod"))).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("backup", "true", "stage", "test"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB, Map.of("backup", "true"))).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenConditionsFilterListOfTagsAndResources_bothAreFiltered() {
        BackupSelectionMatcher m = matcher(List.of(CLUSTER), List.of(),
                List.of(new TagCondition("STRINGEQUALS", "backup", "true")),
                List.of(new TagCondition("STRINGNOTEQUALS", "aws:ResourceTag/stage", "test")));

        assertThat(verdict(m, CLUSTER, Map.of("stage", "test"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB, Map.of("backup", "true", "stage", "test"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB, Map.of("backup", "true"))).isEqualTo(Verdict.MATCH);
    }

    @Test
    void evaluate_stringLikeAndNotLike_useStarAnywhere() {
        BackupSelectionMatcher m = matcher(List.of("*"), List.of(), List.of(), List.of(
                new TagCondition("STRINGLIKE", "aws:ResourceTag/key1", "include*"),
                new TagCondition("STRINGNOTLIKE", "aws:ResourceTag/key2", "*exclude*")));

        assertThat(verdict(m, DB, Map.of("key1", "include-me"))).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("key1", "include", "key2", "keep"))).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("key1", "include-me", "key2", "please exclude it"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB, Map.of("key1", "Include-me"))).isEqualTo(Verdict.NO_MATCH);
        assertThat(verdict(m, DB, Map.of())).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenStringLikeStarAlone_requiresTagPresence() {
        BackupSelectionMatcher m = matcher(List.of("*"), List.of(), List.of(),
                List.of(new TagCondition("StringLike", "aws:ResourceTag/backup", "*")));

        assertThat(verdict(m, DB, Map.of("backup", ""))).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("other", "x"))).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenNegatedConditionAndTagAbsent_holds() {
        BackupSelectionMatcher m = matcher(List.of("*"), List.of(), List.of(),
                List.of(new TagCondition("STRINGNOTEQUALS", "aws:ResourceTag/stage", "test")));

        assertThat(verdict(m, DB, Map.of())).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("stage", "TEST"))).isEqualTo(Verdict.MATCH);
        assertThat(verdict(m, DB, Map.of("stage", "test"))).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenNoResourcesAndNoListOfTags_selectsEverythingThenAppliesConditions() {
        BackupSelectionMatcher all = matcher(List.of(), List.of(), List.of(), List.of());
        BackupSelectionMatcher conditionsOnly = matcher(List.of(), List.of(), List.of(),
                List.of(new TagCondition("STRINGEQUALS", "aws:ResourceTag/backup", "true")));

        assertThat(verdict(all, VOLUME)).isEqualTo(Verdict.MATCH);
        assertThat(verdict(conditionsOnly, DB, Map.of("backup", "true"))).isEqualTo(Verdict.MATCH);
        assertThat(verdict(conditionsOnly, DB, Map.of())).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void evaluate_whenOperatorUnsupported_isUnknownUnlessAnotherClauseExcludes() {
        BackupSelectionMatcher m = matcher(List.of("arn:aws:rds:*"), List.of(), List.of(),
                List.of(new TagCondition("STRINGEQUALSIGNORECASE", "aws:ResourceTag/backup", "true")));

        assertThat(m.evaluate(DB, Map.of()).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(m.evaluate(DB, Map.of()).reason()).contains("STRINGEQUALSIGNORECASE");
        assertThat(verdict(m, INSTANCE)).isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void glob_quotesEverythingButStar() {
        assertThat(BackupSelectionMatcher.glob("a.b*c", ".*").matcher("a.bXYZc").matches()).isTrue();
        assertThat(BackupSelectionMatcher.glob("a.b*c", ".*").matcher("aXbc").matches()).isFalse();
        assertThat(BackupSelectionMatcher.glob("**", "\\S*").matcher("").matches()).isTrue();
        assertThat(BackupSelectionMatcher.glob("arn:*", "\\S*").matcher("arn:with space").matches()).isFalse();
    }
}
