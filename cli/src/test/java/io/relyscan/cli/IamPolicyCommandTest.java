package io.relyscan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.relyscan.cli.CliUsageTest.Result;
import io.relyscan.collectors.IamActions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.relyscan.cli.CliUsageTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code relyscan iam-policy}: the policy a scan needs, from the collectors' declared actions. */
class IamPolicyCommandTest {
    private static final String START = "<!-- iam-actions:start -->\n```json\n";
    private static final String END = "```\n<!-- iam-actions:end -->";

    @TempDir
    Path tmp;

    @Test
    void withoutOptions_printsExactlyTheReadmePolicy() throws Exception {
        Result r = run("iam-policy", "--config", emptyConfig().toString());

        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String block = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(block);
    }

    @Test
    void policy_isValidJsonAllowingOnlyTheDeclaredReadOnlyActions() throws Exception {
        Result r = run("iam-policy", "--config", emptyConfig().toString());

        JsonNode policy = new ObjectMapper().readTree(r.out());
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.path("Statement")).hasSize(1);
        JsonNode statement = policy.path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Resource").asText()).isEqualTo("*");
        assertThat(actions(policy)).isEqualTo(IamActions.all())
                .contains("sts:GetCallerIdentity", "ec2:DescribeRegions", "backup:ListBackupPlans")
                .allSatisfy(a -> assertThat(a).matches("[a-z0-9-]+:(Describe|List|Get)[A-Za-z0-9]+"));
    }

    @Test
    void disabledRules_dropTheActionsOfServicesOnlyTheyRead() throws Exception {
        Path config = Files.writeString(tmp.resolve("relyscan.yaml"), """
                version: 1
                rules:
                  config-recorder-healthy:
                    enabled: false
                  cw-alarm-action-targets-valid:
                    enabled: false
                """);

        Result r = run("iam-policy", "--config", config.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<String> actions = actions(new ObjectMapper().readTree(r.out()));
        List<String> expected = IamActions.all().stream()
                .filter(a -> !a.startsWith("config:") && !a.startsWith("sns:")).toList();
        assertThat(actions).isEqualTo(expected).contains("cloudwatch:DescribeAlarms", "sts:GetCallerIdentity");
    }

    @Test
    void framework_keepsOnlyTheActionsOfItsRules() throws Exception {
        Result all = run("iam-policy", "--config", emptyConfig().toString());
        Result soc2 = run("iam-policy", "--config", emptyConfig().toString(), "--framework", "soc2");

        assertThat(soc2.code()).as(soc2.err()).isZero();
        List<String> subset = actions(new ObjectMapper().readTree(soc2.out()));
        assertThat(IamActions.all()).containsAll(subset);
        assertThat(subset).contains("sts:GetCallerIdentity");
        assertThat(all.out()).isNotEmpty();
    }

    @Test
    void badInput_isOneLineUsageError() throws Exception {
        Result unknownFramework = run("iam-policy", "--config", emptyConfig().toString(), "--framework", "pci");
        assertThat(unknownFramework.code()).isEqualTo(2);
        assertThat(unknownFramework.out()).isEmpty();
        assertThat(unknownFramework.err().strip()).doesNotContain("\n").contains("--framework", "pci");

        Result missingConfig = run("iam-policy", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(missingConfig.code()).isEqualTo(2);
        assertThat(missingConfig.out()).isEmpty();
        assertThat(missingConfig.err().strip()).doesNotContain("\n").contains("nope.yaml");
    }

    @Test
    void help_explainsTheCommand_andTheTopLevelHelpListsIt() {
        Result help = run("iam-policy", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("minimal read-only IAM policy", "--config", "--framework",
                "sts:GetCallerIdentity");
        assertThat(run("--help").out()).contains("iam-policy");
    }

    private Path emptyConfig() throws Exception {
        return Files.writeString(tmp.resolve("empty.yaml"), "version: 1\n");
    }

    private static List<String> actions(JsonNode policy) {
        List<String> actions = new ArrayList<>();
        policy.path("Statement").get(0).path("Action").forEach(a -> actions.add(a.asText()));
        return actions;
    }
}
