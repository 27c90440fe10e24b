package io.relyscan.cli.config;

import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {
    static final List<RuleMetadata> CATALOG = List.of(
            rule("rds-backup-retention", Severity.HIGH,
                    RuleParameter.integer("minimumRetentionDays", 7, 1, "days"),
                    RuleParameter.bool("checkReadReplicas", false, "replicas too")),
            rule("cw-alarm-has-actions", Severity.MEDIUM),
            rule("asg-multi-az", Severity.HIGH,
                    RuleParameter.integer("minAvailabilityZones", 2, 1, 6, "zones"),
                    RuleParameter.string("exemptionTagKey", "relyscan:single-az-ok", "exemption tag")));

    static RuleMetadata rule(String id, Severity severity, RuleParameter... parameters) {
        return new RuleMetadata(id, "R01", "Test rule " + id, severity, "DbInstance", "why", "fix",
                List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.proposed(Framework.SOC2, "A1.2"),
                        ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")),
                List.of(parameters), Set.of(AwsService.RDS));
    }

    static RelyscanConfig parse(String yaml) {
        return ConfigParser.parse("relyscan.yaml", yaml, CATALOG);
    }

    static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(InputException.class).hasMessage(message);
    }

    static final String FULL = """
            version: 1
            tier1:                       # which resources are tier-1
              tagKey: criticality
              tagValues: [tier-1, critical]
            rules:
              rds-backup-retention:
                enabled: true
                severity: CRITICAL
                parameters:
                  minimumRetentionDays: 14
                  checkReadReplicas: True
              cw-alarm-has-actions:
                enabled: false
              asg-multi-az:
                severity: low
                parameters:
                  minAvailabilityZones: 3
                  exemptionTagKey: team:single-az
            """;

    // ---- valid files

    @Test
    void parse_fullFile_roundTrips() {
        RelyscanConfig config = parse(FULL);

        assertThat(config).isEqualTo(new RelyscanConfig(Optional.of("relyscan.yaml"),
                Optional.of(new Tier1Selector("criticality", Set.of("tier-1", "critical"))),
                Map.of("rds-backup-retention", new RuleConfig(true, Optional.of(Severity.CRITICAL),
                                Map.of("minimumRetentionDays", "14", "checkReadReplicas", "true")),
                        "cw-alarm-has-actions", new RuleConfig(false, Optional.empty(), Map.of()),
                        "asg-multi-az", new RuleConfig(true, Optional.of(Severity.LOW),
                                Map.of("minAvailabilityZones", "3", "exemptionTagKey", "team:single-az")))));
    }

    @Test
    void engineSettings_carryParametersSeveritiesAndTier1() {
        EngineSettings settings = parse(FULL).engineSettings();

        assertThat(settings.parameters()).containsOnlyKeys("rds-backup-retention", "asg-multi-az");
        assertThat(settings.parametersOf("rds-backup-retention")).containsEntry("minimumRetentionDays", "14");
        assertThat(settings.severities()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "rds-backup-retention", Severity.CRITICAL, "asg-multi-az", Severity.LOW));
        assertThat(settings.tier1()).contains(new Tier1Selector("criticality", Set.of("tier-1", "critical")));
    }

    @Test
    void parse_versionOnly_isEveryDefault() {
        RelyscanConfig config = parse("version: 1\n");

        assertThat(config.tier1()).isEmpty();
        assertThat(config.rules()).isEmpty();
        assertThat(config.enabled("cw-alarm-has-actions")).isTrue();
        assertThat(config.engineSettings()).isEqualTo(EngineSettings.defaults());
    }

    @Test
    void parse_emptySections_areTheSameAsLeavingThemOut() {
        RelyscanConfig config = parse("version: 1\ntier1:\nrules:\n  rds-backup-retention:\n");

        assertThat(config.tier1()).isEmpty();
        assertThat(config.rule("rds-backup-retention")).isEqualTo(RuleConfig.defaults());
    }

    @Test
    void parse_tier1WithoutValues_matchesAnyValue() {
        RelyscanConfig config = parse("version: 1\ntier1:\n  tagKey: production\n");

        assertThat(config.tier1()).contains(Tier1Selector.anyValueOf("production"));
    }

    @Test
    void parse_tagValuesThatLookLikeNumbers_areText() {
        RelyscanConfig config = parse("version: 1\ntier1:\n  tagKey: tier\n  tagValues: [1, \"0\"]\n");

        assertThat(config.tier1().orElseThrow().tagValues()).containsExactly("0", "1");
    }

    @Test
    void parse_byteOrderMarkAndAnchors_areAccepted() {
        RelyscanConfig config = parse("\uFEFFversion: 1\nrules:\n  rds-backup-retention: &strict\n"
                + "    severity: CRITICAL\n  asg-multi-az: *strict\n");

        assertThat(config.rule("asg-multi-az").severity()).contains(Severity.CRITICAL);
    }

    @Test
    void enabledRules_dropsDisabledRules() {
        assertThat(parse(FULL).enabled("cw-alarm-has-actions")).isFalse();
        assertThat(parse(FULL).enabled("rds-backup-retention")).isTrue();
    }

    // ---- the file as a whole

    @Test
    void parse_emptyFile_isError() {
        assertError("", "relyscan.yaml:1:1: the file is empty; it must hold at least 'version: 1'");
        assertError("# nothing yet\n\n", "relyscan.yaml:1:1: the file is empty; it must hold at least 'version: 1'");
        assertError("---\n", "relyscan.yaml:1:1: the file is empty; it must hold at least 'version: 1'");
    }

    @Test
    void parse_malformedYaml_namesLineAndColumn() {
        assertError("version: 1\nrules: [rds-backup-retention\n",
                "relyscan.yaml:3:1: malformed YAML: expected ',' or ']', but got <stream end>");
        assertError("version: 1\nrules:\n\tx: 1\n",
                "relyscan.yaml:3:1: malformed YAML: found character '\\t(TAB)' that cannot start any token. "
                        + "(Do not use \\t(TAB) for indentation)");
        assertError("version: 1\n  tier1: x\n",
                "relyscan.yaml:2:8: malformed YAML: mapping values are not allowed here");
    }

    @Test
    void parse_twoDocuments_isError() {
        assertError("version: 1\n---\nversion: 1\n",
                "relyscan.yaml:3:1: only one YAML document is allowed; remove the second '---' and what "
                        + "follows it, or merge it into the first");
    }

    @Test
    void parse_topLevelList_isError() {
        assertError("- version: 1\n",
                "relyscan.yaml:1:1: the top level must be a mapping with version, tier1 and rules, got a list");
        assertError("just text\n",
                "relyscan.yaml:1:1: the top level must be a mapping with version, tier1 and rules, "
                        + "got the string 'just text'");
    }

    @Test
    void parse_duplicateKey_isError() {
        assertError("version: 1\nrules:\n  rds-backup-retention: {enabled: true}\n"
                        + "  rds-backup-retention: {enabled: false}\n",
                "relyscan.yaml:4:3: rules.rds-backup-retention: duplicate key (first set on line 3)");
        assertError("version: 1\nversion: 1\n", "relyscan.yaml:2:1: version: duplicate key (first set on line 1)");
        assertError("""
                version: 1
                rules:
                  rds-backup-retention:
                    parameters:
                      minimumRetentionDays: 14
                      minimumRetentionDays: 30
                """, "relyscan.yaml:6:7: rules.rds-backup-retention.parameters.minimumRetentionDays: "
                + "duplicate key (first set on line 5)");
    }

    @Test
    void parse_complexKey_isError() {
        assertError("version: 1\n? [a, b]\n: x\n", "relyscan.yaml:2:3: keys must be plain names, got a list");
    }

    // ---- version

    @Test
    void parse_missingVersion_isError() {
        assertError("rules:\n  cw-alarm-has-actions: {enabled: false}\n",
                "relyscan.yaml:1:1: version: missing; the file must say 'version: 1'");
    }

    @Test
    void parse_unsupportedVersion_isError() {
        assertError("version: 2\n", "relyscan.yaml:1:10: version: unsupported version 2; this relyscan reads "
                + "version 1 (see docs/configuration.md)");
    }

    @Test
    void parse_versionOfWrongType_isError() {
        assertError("version: \"1\"\n", "relyscan.yaml:1:10: version: must be the integer 1, got the string '1'");
        assertError("version:\n", "relyscan.yaml:1:1: version: must be the integer 1, got nothing");
        assertError("version: 1.0\n", "relyscan.yaml:1:10: version: must be the integer 1, got the number 1.0");
    }

    // ---- unknown keys

    @Test
    void parse_unknownTopLevelKey_suggestsTheClosest() {
        assertError("version: 1\nrule:\n  cw-alarm-has-actions: {enabled: false}\n",
                "relyscan.yaml:2:1: rule: unknown key (did you mean 'rules'?); expected one of version, tier1, "
                        + "rules");
        assertError("version: 1\nwaivers: []\n",
                "relyscan.yaml:2:1: waivers: unknown key; expected one of version, tier1, rules");
    }

    @Test
    void parse_unknownKeyInTier1_isError() {
        assertError("version: 1\ntier1:\n  tagKey: criticality\n  tagValue: [tier-1]\n",
                "relyscan.yaml:4:3: tier1.tagValue: unknown key (did you mean 'tagValues'?); expected one of "
                        + "tagKey, tagValues");
    }

    @Test
    void parse_unknownKeyInRule_isError() {
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    enable: false\n",
                "relyscan.yaml:4:5: rules.rds-backup-retention.enable: unknown key (did you mean 'enabled'?); "
                        + "expected one of enabled, severity, parameters");
    }

    @Test
    void parse_unknownRuleId_suggestsTheClosest() {
        assertError("version: 1\nrules:\n  rds-backup-retenton:\n    enabled: false\n",
                "relyscan.yaml:3:3: rules.rds-backup-retenton: unknown rule id (did you mean "
                        + "'rds-backup-retention'?); 'relyscan rules' lists every rule id");
        assertError("version: 1\nrules:\n  s3-versioning: {enabled: false}\n",
                "relyscan.yaml:3:3: rules.s3-versioning: unknown rule id; 'relyscan rules' lists every rule id");
    }

    @Test
    void parse_unknownParameter_listsTheRuleParameters() {
        assertError("""
                version: 1
                rules:
                  rds-backup-retention:
                    parameters:
                      minRetentionDays: 14
                """, "relyscan.yaml:5:7: rules.rds-backup-retention.parameters.minRetentionDays: unknown "
                + "parameter (did you mean 'minimumRetentionDays'?); rds-backup-retention has "
                + "minimumRetentionDays (integer, default 7), checkReadReplicas (boolean, default false)");
        assertError("version: 1\nrules:\n  cw-alarm-has-actions:\n    parameters: {threshold: 3}\n",
                "relyscan.yaml:4:18: rules.cw-alarm-has-actions.parameters.threshold: unknown parameter; "
                        + "cw-alarm-has-actions has no parameters");
    }

    // ---- wrong types

    @Test
    void parse_listWhereMappingExpected_isError() {
        assertError("version: 1\nrules:\n  - rds-backup-retention\n",
                "relyscan.yaml:3:3: rules: must be a mapping of rule ids, got a list");
        assertError("version: 1\nrules:\n  rds-backup-retention: [enabled]\n",
                "relyscan.yaml:3:25: rules.rds-backup-retention: must be a mapping of enabled, severity or "
                        + "parameters, got a list");
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    parameters: 14\n",
                "relyscan.yaml:4:17: rules.rds-backup-retention.parameters: must be a mapping of parameter "
                        + "names and values, got the integer 14");
        assertError("version: 1\ntier1: criticality\n",
                "relyscan.yaml:2:8: tier1: must be a mapping of tagKey and optional tagValues, got the string "
                        + "'criticality'");
    }

    @Test
    void parse_enabledNotBoolean_isError() {
        assertError("version: 1\nrules:\n  cw-alarm-has-actions:\n    enabled: \"false\"\n",
                "relyscan.yaml:4:14: rules.cw-alarm-has-actions.enabled: must be true or false, got the string "
                        + "'false'");
        assertError("version: 1\nrules:\n  cw-alarm-has-actions:\n    enabled: no\n",
                "relyscan.yaml:4:14: rules.cw-alarm-has-actions.enabled: must be true or false, got the string "
                        + "'no'");
        assertError("version: 1\nrules:\n  cw-alarm-has-actions:\n    enabled:\n",
                "relyscan.yaml:4:5: rules.cw-alarm-has-actions.enabled: must be true or false, got nothing");
    }

    @Test
    void parse_integerParameterOfWrongType_isError() {
        String template = "version: 1\nrules:\n  rds-backup-retention:\n    parameters:\n"
                + "      minimumRetentionDays: %s\n";
        String prefix = "relyscan.yaml:5:29: rules.rds-backup-retention.parameters.minimumRetentionDays: ";
        assertError(template.formatted("\"14\""), prefix + "must be an integer, got the string '14'");
        assertError(template.formatted("7.5"), prefix + "must be an integer, got the number 7.5");
        assertError(template.formatted("[14]"), prefix + "must be an integer, got a list");
        assertError(template.formatted("true"), prefix + "must be an integer, got the boolean true");
        assertError(template.formatted(""), "relyscan.yaml:5:7: rules.rds-backup-retention.parameters."
                + "minimumRetentionDays: must be an integer, got nothing");
    }

    @Test
    void parse_booleanParameterOfWrongType_isError() {
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    parameters:\n      checkReadReplicas: yes\n",
                "relyscan.yaml:5:26: rules.rds-backup-retention.parameters.checkReadReplicas: must be true or "
                        + "false, got the string 'yes'");
    }

    @Test
    void parse_stringParameterAsMapping_isError() {
        assertError("version: 1\nrules:\n  asg-multi-az:\n    parameters:\n      exemptionTagKey: {a: b}\n",
                "relyscan.yaml:5:24: rules.asg-multi-az.parameters.exemptionTagKey: must be a string, "
                        + "got a mapping");
    }

    // ---- list parameters

    static final List<RuleMetadata> LIST_CATALOG = List.of(rule("cw-critical-resource-alarm-coverage",
            Severity.MEDIUM, RuleParameter.stringList("dbInstanceMetrics", List.of("CPUUtilization",
                    "FreeStorageSpace"), "metrics")));

    static RelyscanConfig parseList(String yaml) {
        return ConfigParser.parse("relyscan.yaml", yaml, LIST_CATALOG);
    }

    static void assertListError(String yaml, String message) {
        assertThatThrownBy(() -> parseList(yaml)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void parse_stringListParameter_flowAndBlockSequences() {
        RelyscanConfig flow = parseList("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n"
                + "    parameters:\n      dbInstanceMetrics: [CPUUtilization, ReadLatency, 42]\n");
        RelyscanConfig block = parseList("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n"
                + "    parameters:\n      dbInstanceMetrics:\n        - CPUUtilization\n        - ReadLatency\n"
                + "        - 42\n");

        assertThat(flow.rules().get("cw-critical-resource-alarm-coverage").parameters())
                .isEqualTo(Map.of("dbInstanceMetrics", "CPUUtilization,ReadLatency,42"));
        assertThat(block).isEqualTo(flow);
    }

    @Test
    void parse_emptyStringList_isTheEmptyList() {
        RelyscanConfig config = parseList("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n"
                + "    parameters:\n      dbInstanceMetrics: []\n");

        assertThat(config.rules().get("cw-critical-resource-alarm-coverage").parameters())
                .isEqualTo(Map.of("dbInstanceMetrics", ""));
    }

    @Test
    void parse_stringListAsScalar_isError() {
        assertListError("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n    parameters:\n"
                        + "      dbInstanceMetrics: CPUUtilization,FreeStorageSpace\n",
                "relyscan.yaml:5:26: rules.cw-critical-resource-alarm-coverage.parameters.dbInstanceMetrics: "
                        + "must be a list of strings, e.g. [CPUUtilization, FreeStorageSpace], got the string "
                        + "'CPUUtilization,FreeStorageSpace'");
    }

    @Test
    void parse_stringListItemWithCommaOrBlankOrNested_isErrorAtTheItem() {
        assertListError("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n    parameters:\n"
                        + "      dbInstanceMetrics: [CPUUtilization, \"a,b\"]\n",
                "relyscan.yaml:5:43: rules.cw-critical-resource-alarm-coverage.parameters.dbInstanceMetrics[1]: "
                        + "must not contain a comma, got the string 'a,b'; write one item per list entry");
        assertListError("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n    parameters:\n"
                        + "      dbInstanceMetrics: [CPUUtilization, \" \"]\n",
                "relyscan.yaml:5:43: rules.cw-critical-resource-alarm-coverage.parameters.dbInstanceMetrics[1]: "
                        + "must be a non-empty string, got an empty string");
        assertListError("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n    parameters:\n"
                        + "      dbInstanceMetrics: [[CPUUtilization]]\n",
                "relyscan.yaml:5:27: rules.cw-critical-resource-alarm-coverage.parameters.dbInstanceMetrics[0]: "
                        + "must be a non-empty string, got a list");
    }

    @Test
    void parse_unknownParameter_listsTheListDefault() {
        assertListError("version: 1\nrules:\n  cw-critical-resource-alarm-coverage:\n    parameters:\n"
                        + "      dbInstanceMetric: []\n",
                "relyscan.yaml:5:7: rules.cw-critical-resource-alarm-coverage.parameters.dbInstanceMetric: unknown "
                        + "parameter (did you mean 'dbInstanceMetrics'?); cw-critical-resource-alarm-coverage has "
                        + "dbInstanceMetrics (string_list, default [CPUUtilization, FreeStorageSpace])");
    }

    // ---- bad values

    @Test
    void parse_parameterBelowMinimum_isErrorAtTheValue() {
        assertError("""
                version: 1
                tier1:
                  tagKey: criticality
                rules:
                  cw-alarm-has-actions: {enabled: false}
                  rds-backup-retention:
                    parameters: {}
                  asg-multi-az:
                    parameters:
                      minAvailabilityZones: 0
                """, "relyscan.yaml:10:29: rules.asg-multi-az.parameters.minAvailabilityZones: must be at least 1, "
                + "got 0");
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    parameters:\n"
                        + "      minimumRetentionDays: 0\n",
                "relyscan.yaml:5:29: rules.rds-backup-retention.parameters.minimumRetentionDays: must be at "
                        + "least 1, got 0");
    }

    @Test
    void parse_parameterAboveMaximum_isError() {
        assertError("version: 1\nrules:\n  asg-multi-az:\n    parameters:\n      minAvailabilityZones: 7\n",
                "relyscan.yaml:5:29: rules.asg-multi-az.parameters.minAvailabilityZones: must be at most 6, got 7");
    }

    @Test
    void parse_integerOutOfRange_isError() {
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    parameters:\n"
                        + "      minimumRetentionDays: 99999999999\n",
                "relyscan.yaml:5:29: rules.rds-backup-retention.parameters.minimumRetentionDays: must be an "
                        + "integer, got '99999999999'");
    }

    @Test
    void parse_badSeverity_isError() {
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    severity: SEVERE\n",
                "relyscan.yaml:4:15: rules.rds-backup-retention.severity: unknown severity 'SEVERE'; expected "
                        + "one of CRITICAL, HIGH, MEDIUM, LOW, INFO");
        assertError("version: 1\nrules:\n  rds-backup-retention:\n    severity: 1\n",
                "relyscan.yaml:4:15: rules.rds-backup-retention.severity: must be one of CRITICAL, HIGH, MEDIUM, "
                        + "LOW, INFO, got the integer 1");
    }

    // ---- tier1

    @Test
    void parse_tier1WithoutTagKey_isError() {
        assertError("version: 1\ntier1:\n  tagValues: [tier-1]\n",
                "relyscan.yaml:2:1: tier1.tagKey: missing; name the tag key that marks tier-1 resources, e.g. "
                        + "'tagKey: criticality'");
    }

    @Test
    void parse_tier1WithBlankTagKey_isError() {
        assertError("version: 1\ntier1:\n  tagKey: \"  \"\n",
                "relyscan.yaml:3:11: tier1.tagKey: must be a non-empty string, got an empty string");
        assertError("version: 1\ntier1:\n  tagKey: [a]\n",
                "relyscan.yaml:3:11: tier1.tagKey: must be a non-empty string, got a list");
    }

    @Test
    void parse_tagValuesNotAList_isError() {
        assertError("version: 1\ntier1:\n  tagKey: criticality\n  tagValues: tier-1\n",
                "relyscan.yaml:4:14: tier1.tagValues: must be a list of tag values, e.g. [tier-1, critical], "
                        + "got the string 'tier-1'");
    }

    @Test
    void parse_tagValuesEmpty_isError() {
        assertError("version: 1\ntier1:\n  tagKey: criticality\n  tagValues: []\n",
                "relyscan.yaml:4:14: tier1.tagValues: must not be empty; leave tagValues out to make any value "
                        + "of criticality mark tier-1");
    }

    @Test
    void parse_tagValueNotText_isError() {
        assertError("version: 1\ntier1:\n  tagKey: criticality\n  tagValues:\n    - tier-1\n    - {a: b}\n",
                "relyscan.yaml:6:7: tier1.tagValues[1]: must be a non-empty string, got a mapping");
    }
}
