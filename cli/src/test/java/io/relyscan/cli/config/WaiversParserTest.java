package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.ArnPattern;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WaiversParserTest {
    static final List<RuleMetadata> CATALOG = BuiltInRules.all().stream().map(Rule::metadata).toList();

    static WaiverSet parse(String yaml) {
        return WaiversParser.parse("waivers.yaml", yaml, CATALOG);
    }

    /** Every problem message of an invalid file, in file order. */
    static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> parse(yaml));
        assertThat(e).as("the file should be invalid").isNotNull();
        return e instanceof FileProblems many ? many.problems() : List.of(e.getMessage());
    }

    static void assertProblem(String yaml, String message) {
        assertThat(problems(yaml)).containsExactly(message);
    }

    /** One waiver with the given lines in place of its usual fields (they start on line 3). */
    static String one(String... lines) {
        StringBuilder sb = new StringBuilder("version: 1\nwaivers:\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(i == 0 ? "  - " : "    ").append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    static final String RULE = "rule: rds-instance-multi-az";
    static final String RESOURCE = "resource: arn:aws:rds:eu-west-1:111122223333:db:reports-*";
    static final String REASON = "reason: Reporting replica, rebuilt nightly from orders-db.";
    static final String OWNER = "owner: data-platform@example.com";

    @Test
    void parse_readsEveryField() {
        WaiverSet set = parse("""
                # accepted risks
                version: 1
                waivers:
                  - id: WAIVER-12            # a ticket key
                    rule: R40                # catalog id of backup-recent-recovery-point
                    resource: arn:aws:rds:eu-west-1:111122223333:db:reports-*
                    account: 111122223333    # unquoted: YAML reads an integer, its digits are kept
                    region: eu-west-1
                    reason: >
                      Reporting replica, rebuilt nightly
                      from orders-db; it is never restored.
                    owner: data-platform@example.com
                    expires: 2027-01-31
                  - rule: rds-instance-multi-az
                    account: "012345678901"
                    reason: Test accounts never hold production data.
                    owner: Platform team
                  - id: 4711
                    rule: elb-multi-az
                    resource: "*"
                    reason: Single-zone load balancers are accepted in this sandbox.
                    owner: sandbox-owners@example.com
                """);

        assertThat(set.waivers()).containsExactly(
                new Waiver("WAIVER-12", "backup-recent-recovery-point",
                        ArnPattern.of("arn:aws:rds:eu-west-1:111122223333:db:reports-*"), "111122223333", "eu-west-1",
                        "Reporting replica, rebuilt nightly from orders-db; it is never restored.",
                        "data-platform@example.com", LocalDate.parse("2027-01-31"), "waivers.yaml:4"),
                new Waiver(null, "rds-instance-multi-az", null, "012345678901", null,
                        "Test accounts never hold production data.", "Platform team", null, "waivers.yaml:14"),
                new Waiver("4711", "elb-multi-az", ArnPattern.of("*"), null, null,
                        "Single-zone load balancers are accepted in this sandbox.", "sandbox-owners@example.com", null,
                        "waivers.yaml:18"));
    }

    @Test
    void parse_acceptsAnEmptyListAndAByteOrderMark() {
        assertThat(parse("version: 1\nwaivers: []\n").waivers()).isEmpty();
        assertThat(parse("\uFEFF" + one(RULE, RESOURCE, REASON, OWNER)).waivers()).hasSize(1);
    }

    @Test
    void parse_acceptsAWaiverOfARuleTheConfigurationMayDisable_andAnyCaseOfCatalogIdOrRegion() {
        Waiver w = parse(one("rule: r36", "region: EU-WEST-1", REASON, OWNER)).waivers().get(0);
        assertThat(w.ruleId()).isEqualTo("backup-plan-exists");
        assertThat(w.region()).isEqualTo("eu-west-1");
    }

    @Test
    void unknownRule_suggestsTheClosest() {
        assertProblem(one("rule: rds-instance-multi-ax", RESOURCE, REASON, OWNER), "waivers.yaml:3:11: "
                + "waivers[0].rule: unknown rule 'rds-instance-multi-ax' (did you mean 'rds-instance-multi-az'?); "
                + "name a rule id or catalog id listed by 'relyscan rules'");
        assertProblem(one("rule: R99", RESOURCE, REASON, OWNER), "waivers.yaml:3:11: waivers[0].rule: unknown rule "
                + "'R99' (did you mean 'R09'?); name a rule id or catalog id listed by 'relyscan rules'");
    }

    @Test
    void badArnPattern_saysWhatAPatternLooksLike() {
        assertProblem(one(RULE, "resource: reports-*", REASON, OWNER), "waivers.yaml:4:15: waivers[0].resource: "
                + "'reports-*' is not an ARN pattern: it must start with 'arn:' (e.g. arn:aws:rds:*:111122223333:db:"
                + "reports-*) or be * for every resource");
        assertThat(problems(one(RULE, "resource: arn:aws:rds:db", REASON, OWNER))).singleElement().asString()
                .startsWith("waivers.yaml:4:15: waivers[0].resource: 'arn:aws:rds:db' has fewer than the 6");
    }

    @Test
    void unquotedStar_isMalformedYaml_withTheFix() {
        assertThat(problems(one(RULE, "resource: *", REASON, OWNER))).singleElement().asString()
                .startsWith("waivers.yaml:4:").contains("malformed YAML")
                .endsWith("(a value starting with * must be quoted, e.g. resource: \"*\")");
    }

    @Test
    void missingRequiredFields_areNamedAtTheWaiver() {
        assertThat(problems(one("id: W-1", RESOURCE))).containsExactly(
                "waivers.yaml:3:5: waivers[0].rule: missing; name the rule to waive by its id (e.g. "
                        + "backup-recent-recovery-point) or catalog id (e.g. R40); 'relyscan rules' lists them",
                "waivers.yaml:3:5: waivers[0].reason: missing; say in at least a sentence why the risk is accepted, "
                        + "e.g. 'Reporting replica, rebuilt nightly from orders-db; it is never restored.'",
                "waivers.yaml:3:5: waivers[0].owner: missing; name who accepted the risk and answers for it: a "
                        + "person, team or mail address, e.g. data-platform@example.com");
    }

    @Test
    void noResourceAccountOrRegion_isRefused_soThatNobodyWaivesARuleEverywhereByAccident() {
        assertProblem(one(RULE, REASON, OWNER), "waivers.yaml:3:5: waivers[0]: names no resources: give resource "
                + "(an ARN pattern, * and ? allowed), account or region; to waive the rule on every resource, write "
                + "resource: \"*\"");
    }

    @Test
    void reason_mustBeASentence_andNotAPlaceholder() {
        assertProblem(one(RULE, RESOURCE, "reason: accepted risk", OWNER), "waivers.yaml:5:13: waivers[0].reason: "
                + "too short ('accepted risk'); a reason is at least a sentence (3 words, 15 characters) saying why "
                + "the risk is accepted, e.g. 'Reporting replica, rebuilt nightly from orders-db; it is never "
                + "restored.'");
        assertThat(problems(one(RULE, RESOURCE, "reason: a b c d", OWNER))).singleElement().asString()
                .contains("too short ('a b c d')");
        assertProblem(one(RULE, RESOURCE, "reason: 'TODO: explain why this is fine'", OWNER), "waivers.yaml:5:13: "
                + "waivers[0].reason: holds the placeholder 'TODO'; write the actual reason the risk is accepted, "
                + "e.g. 'Reporting replica, rebuilt nightly from orders-db; it is never restored.'");
        assertThat(problems(one(RULE, RESOURCE, "reason: n/a", OWNER))).singleElement().asString()
                .contains("too short ('n/a')");
        assertThat(problems(one(RULE, RESOURCE, "reason: to be decided, tbd later on", OWNER))).singleElement()
                .asString().contains("holds the placeholder 'tbd'");
    }

    @Test
    void owner_mustNameSomebody() {
        assertProblem(one(RULE, RESOURCE, REASON, "owner: N/A"), "waivers.yaml:6:12: waivers[0].owner: 'N/A' names "
                + "nobody; name who accepted the risk and answers for it, e.g. data-platform@example.com");
    }

    @Test
    void expires_mustBeACalendarDate() {
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "expires: 2027-02-30"), "waivers.yaml:7:14: "
                + "waivers[0].expires: '2027-02-30' is not a calendar date; write the last day (UTC) the waiver "
                + "applies as YYYY-MM-DD, e.g. 2027-01-31");
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "expires: 31/01/2027"), "waivers.yaml:7:14: "
                + "waivers[0].expires: '31/01/2027' is not a date YYYY-MM-DD; write the last day (UTC) the waiver "
                + "applies, e.g. 2027-01-31, or leave expires out");
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "expires: 2027-01-31T12:00:00Z"), "waivers.yaml:7:14: "
                + "waivers[0].expires: '2027-01-31T12:00:00Z' is not a date YYYY-MM-DD; write the last day (UTC) "
                + "the waiver applies, e.g. 2027-01-31, or leave expires out");
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "expires:"), "waivers.yaml:7:5: waivers[0].expires: is "
                + "empty; it must be a date YYYY-MM-DD: the last day (UTC) the waiver applies, or be left out");
    }

    @Test
    void wrongTypes_sayWhatWasExpected() {
        assertProblem(one(RULE, RESOURCE, "reason: 42", OWNER), "waivers.yaml:5:13: waivers[0].reason: must be a "
                + "sentence saying why the risk is accepted, got the integer 42");
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "expires: 20270131"), "waivers.yaml:7:14: "
                + "waivers[0].expires: must be a date YYYY-MM-DD: the last day (UTC) the waiver applies, got the "
                + "integer 20270131");
        assertProblem(one("rule: [a, b]", RESOURCE, REASON, OWNER), "waivers.yaml:3:11: waivers[0].rule: must be a "
                + "rule id such as backup-recent-recovery-point or a catalog id such as R40, got a list");
        assertProblem(one(RULE, "account: true", REASON, OWNER), "waivers.yaml:4:14: waivers[0].account: must be "
                + "a 12-digit AWS account id, e.g. \"111122223333\", got the boolean true");
        assertProblem(one(RULE, RESOURCE, REASON, "owner: {team: web}"), "waivers.yaml:6:12: waivers[0].owner: "
                + "must be who answers for the waiver: a person, team or mail address, got a mapping");
    }

    @Test
    void account_keepsItsDigitsAsWritten_evenWhenYamlReadsANumber() {
        assertThat(parse(one(RULE, "account: 012345678901", REASON, OWNER)).waivers().get(0).account())
                .isEqualTo("012345678901");
        assertThat(problems(one(RULE, "account: 1.1e11", REASON, OWNER))).singleElement().asString()
                .contains("got the number 1.1e11");
    }

    @Test
    void account_isTwelveDigits() {
        assertProblem(one(RULE, "account: 1111-2222-3333", REASON, OWNER), "waivers.yaml:4:14: waivers[0].account: "
                + "'1111-2222-3333' is not a 12-digit AWS account id; write all 12 digits, in quotes when it starts "
                + "with 0, e.g. \"012345678901\"");
        assertThat(problems(one(RULE, "account: 12345678901", REASON, OWNER))).singleElement().asString()
                .contains("'12345678901' is not a 12-digit AWS account id");
    }

    @Test
    void region_mustBeKnown() {
        assertProblem(one(RULE, "region: eu-wset-1", REASON, OWNER), "waivers.yaml:4:13: waivers[0].region: "
                + "unknown region 'eu-wset-1' (did you mean 'eu-west-1'?)");
    }

    @Test
    void accountOrRegion_contradictingTheResourcePattern_couldNeverMatch() {
        assertProblem(one(RULE, RESOURCE, "region: us-east-1", REASON, OWNER), "waivers.yaml:5:13: "
                + "waivers[0].region: 'us-east-1' contradicts the resource pattern, whose region is 'eu-west-1': "
                + "the waiver could never match; drop one or make them agree");
        assertThat(problems(one(RULE, RESOURCE, "account: \"444455556666\"", REASON, OWNER))).singleElement()
                .asString().contains("whose account is '111122223333'");
        // a wildcard in or before the part leaves it open
        assertThat(parse(one(RULE, "resource: arn:aws:rds:*:111122223333:db:x", "region: us-east-1", REASON,
                OWNER)).waivers()).hasSize(1);
    }

    @Test
    void unknownAndDuplicateKeys() {
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "expiry: 2027-01-31"), "waivers.yaml:7:5: "
                + "waivers[0].expiry: unknown key 'expiry' (did you mean 'expires'?); a waiver has id, rule, "
                + "resource, account, region, reason, owner, expires");
        assertProblem(one(RULE, RESOURCE, REASON, OWNER, "owner: someone-else"), "waivers.yaml:7:5: "
                + "waivers[0].owner: duplicate key (first set on line 6); keep one");
        assertProblem("version: 1\nwaiver: []\nwaivers: []\n", "waivers.yaml:2:1: waiver: unknown key 'waiver' "
                + "(did you mean 'waivers'?); expected version and waivers");
    }

    @Test
    void duplicateIds() {
        String yaml = one("id: W-1", RULE, RESOURCE, REASON, OWNER) + "  - id: W-1\n    " + RULE
                + "\n    region: eu-west-1\n    " + REASON + "\n    " + OWNER + "\n";
        assertProblem(yaml, "waivers.yaml:8:9: waivers[1].id: duplicate id 'W-1' (first used on line 3); reports "
                + "name waivers by their id, so each must be unique");
    }

    @Test
    void controlCharacters_areRefused_andNeverEchoedRaw() {
        assertProblem(one(RULE, RESOURCE, REASON, "owner: \"web\\e[31m-team\""), "waivers.yaml:6:12: "
                + "waivers[0].owner: holds a control character (\\u001b) at position 4; write plain text");
        // line breaks are folded into spaces in a reason only
        assertThat(parse(one(RULE, RESOURCE, "reason: \"Rebuilt nightly\\nfrom orders-db.\"", OWNER)).waivers()
                .get(0).reason()).isEqualTo("Rebuilt nightly from orders-db.");
    }

    @Test
    void fileStructureProblems() {
        assertProblem("", "waivers.yaml:1:1: the file is empty; it must hold 'version: 1' and a 'waivers:' list (see "
                + "docs/waivers.md)");
        assertProblem("# only a comment\n", "waivers.yaml:1:1: the file is empty; it must hold 'version: 1' and a "
                + "'waivers:' list (see docs/waivers.md)");
        assertProblem("- rule: x\n", "waivers.yaml:1:1: the top level must be a mapping with 'version: 1' and a "
                + "'waivers:' list, got a list");
        assertProblem("waivers: []\n", "waivers.yaml:1:1: version: missing; the file must say 'version: 1'");
        assertProblem("version: 2\nwaivers: []\n", "waivers.yaml:1:10: version: unsupported version 2; this "
                + "relyscan reads waivers files of version 1 (see docs/waivers.md)");
        assertProblem("version: 1\n", "waivers.yaml:1:1: waivers: missing; list the waivers under 'waivers:' (write "
                + "'waivers: []' when there are none)");
        assertProblem("version: 1\nwaivers:\n", "waivers.yaml:2:1: waivers: is empty; list the waivers under it, "
                + "each starting with '- ', or write 'waivers: []' when there are none");
        assertProblem("version: 1\nwaivers:\n  rule: x\n", "waivers.yaml:3:3: waivers: must be a list of waivers, "
                + "each starting with '- ', got a mapping");
        assertProblem("version: 1\nwaivers:\n  - rds-instance-multi-az\n", "waivers.yaml:3:5: waivers[0]: must be "
                + "a mapping with rule, resource (and/or account, region), reason, owner and optionally id and "
                + "expires, got the string 'rds-instance-multi-az'");
        assertProblem("version: 1\nwaivers: []\n---\nversion: 1\n", "waivers.yaml:4:1: only one YAML document is "
                + "allowed; remove the second '---' and what follows it, or merge it into the first");
    }

    @Test
    void everyProblemOfTheFile_isReportedAtOnce_inFileOrder() {
        String yaml = """
                version: 1
                waivers:
                  - id: W-1
                    rule: rds-instance-multi-ax
                    resource: reports-*
                    reason: TODO
                    owner: me@example.com
                    expires: 2027-02-30
                  - rule: R40
                    acount: "111122223333"
                    reason: Scratch databases hold load-test data only.
                    owner: qa@example.com
                """;
        FileProblems e = catchThrowableOfType(FileProblems.class, () -> parse(yaml));

        assertThat(e.summary()).isEqualTo("waivers.yaml: 6 problems in the waivers file; fix them all and run "
                + "again:");
        assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(": ", p.indexOf(": ") + 2)))
                .containsExactly("waivers.yaml:4:11: waivers[0].rule", "waivers.yaml:5:15: waivers[0].resource",
                        "waivers.yaml:6:13: waivers[0].reason", "waivers.yaml:8:14: waivers[0].expires",
                        "waivers.yaml:9:5: waivers[1]", "waivers.yaml:10:5: waivers[1].acount");
        assertThat(e.getMessage()).contains(e.problems().get(0)).contains(e.problems().get(5));
    }

    /** The first ```yaml block after the given heading of a Markdown file. */
    static String yamlBlock(String markdownFile, String heading) throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..").resolve(markdownFile));
        int at = text.indexOf("```yaml\n", text.indexOf(heading));
        assertThat(at).as(markdownFile + " " + heading).isPositive();
        return text.substring(at + 8, text.indexOf("```", at + 8));
    }

    @Test
    void documentedExamples_areValid() throws Exception {
        assertThat(parse(yamlBlock("docs/waivers.md", "## The file")).waivers()).singleElement()
                .extracting(Waiver::ruleId).isEqualTo("backup-recent-recovery-point");
        assertThat(parse(yamlBlock("README.md", "### Waivers")).waivers()).singleElement()
                .extracting(Waiver::displayName).isEqualTo("DEMO-101");
    }

    @Test
    void bundledExample_staysValidAgainstTheCatalog() {
        assertThatThrownBy(() -> parse("version: 1\nwaivers: 3\n")).isInstanceOf(InputException.class);
        WaiverSet example = WaiversFile.read(java.nio.file.Path.of("..", "examples", "waivers.yaml"), CATALOG);
        assertThat(example.waivers()).extracting(Waiver::displayName)
                .containsExactly("DEMO-101", "DEMO-102", "DEMO-103", "DEMO-104", "DEMO-90");
    }
}
