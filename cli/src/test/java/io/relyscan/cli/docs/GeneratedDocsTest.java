package io.relyscan.cli.docs;

import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.rules.BuiltInRules;
import io.relyscan.rules.hints.RuleHint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docs/rules and docs/frameworks are generated from the rule metadata. This test regenerates them in memory and
 * fails when a file is missing, stale or extra; {@code -Drelyscan.updateDocs=true} rewrites them instead.
 */
class GeneratedDocsTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    @Test
    void generatedDocs_areCurrent() {
        SortedMap<String, String> expected = DocsGenerator.builtIn().generate();
        if (Boolean.getBoolean("relyscan.updateDocs")) {
            DocsGenerator.write(ROOT, expected);
        }
        SortedMap<String, String> actual = DocsGenerator.existing(ROOT);
        List<String> problems = new ArrayList<>();
        expected.forEach((path, content) -> {
            if (!actual.containsKey(path)) {
                problems.add("missing: " + path);
            } else if (!actual.get(path).equals(content)) {
                problems.add("stale:   " + path);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(p -> problems.add("extra:   " + p));
        if (!problems.isEmpty()) {
            fail("generated documentation is out of date:\n  " + String.join("\n  ", problems)
                    + "\nregenerate it from the repository root with: " + DocsGenerator.UPDATE_COMMAND
                    + "\nand review the diff");
        }
    }

    @Test
    void generate_coversEveryBuiltInRuleAndFramework() {
        SortedMap<String, String> files = DocsGenerator.builtIn().generate();
        for (Rule rule : BuiltInRules.all()) {
            RuleMetadata m = rule.metadata();
            String page = files.get("docs/rules/" + m.id() + ".md");
            assertThat(page).as(m.id()).isNotNull().contains(m.catalogId()).contains("## Why it matters")
                    .contains("## How to fix").contains("## Parameters").contains("## Controls");
            assertThat(files.get("docs/rules/README.md")).contains("[`" + m.id() + "`](" + m.id() + ".md)");
        }
        for (Framework f : Framework.values()) {
            assertThat(files).containsKey("docs/frameworks/" + f.id() + ".md");
        }
        assertThat(files).hasSize(BuiltInRules.all().size() + 1 + Framework.values().length);
    }

    @Test
    void generate_writesParametersControlsHintsAndManualControls() {
        RuleMetadata rule = new RuleMetadata("demo-rule", "R99", "Demo resources are redundant", Severity.MEDIUM,
                "DbInstance", "One copy | no failover.", "Add a <second> copy.",
                List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.proposed(Framework.SOC2, "A1.2"),
                        ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")),
                List.of(RuleParameter.integer("minCopies", 2, 1, 5, "Fewest copies | at least one."),
                        RuleParameter.bool("strict", false, "Fail rather than warn.")),
                Set.of(AwsService.RDS, AwsService.BACKUP));
        List<ControlCatalog> catalogs = new ArrayList<>();
        for (Framework f : Framework.values()) {
            String id = rule.controls(f).get(0).controlId();
            catalogs.add(ControlCatalog.of(f, List.of(ControlDefinition.of(f, id, "Title of " + id),
                    ControlDefinition.of(f, f == Framework.SOC2 ? "A1.3" : id + "-manual", "Nobody covers this"))));
        }
        SortedMap<String, String> files = new DocsGenerator(List.of(rule), catalogs,
                id -> Optional.of(new RuleHint("Console path", "`CfnProp: true`", "`tf_prop = true`"))).generate();

        String page = files.get("docs/rules/demo-rule.md");
        assertThat(page).contains("| `minCopies` | INTEGER | `2` | 1 to 5 | Fewest copies \\| at least one. |")
                .contains("| `strict` | BOOLEAN | `false` | – | Fail rather than warn. |")
                .contains("| Reads | `backup`, `rds` |")
                .contains("Add a &lt;second&gt; copy.")
                .contains("| CP-10 | Title of CP-10 | anchored |")
                .contains("| A1.2 | Title of A1.2 | proposed |")
                .contains("- **CloudFormation:** `CfnProp: true`");
        String soc2 = files.get("docs/frameworks/soc2.md");
        assertThat(soc2).contains("| A1.2 | Title of A1.2 | [`demo-rule`](../rules/demo-rule.md)\\* (R99) |")
                .contains("| A1.3 | Nobody covers this | manual |");
    }

    @Test
    void write_replacesStaleFilesAndDeletesExtras() throws Exception {
        Files.createDirectories(tmp.resolve("docs/rules"));
        Files.writeString(tmp.resolve("docs/rules/gone-rule.md"), "old");
        Files.writeString(tmp.resolve("docs/rules/README.md"), "old");
        SortedMap<String, String> files = DocsGenerator.builtIn().generate();

        DocsGenerator.write(tmp, files);

        assertThat(DocsGenerator.existing(tmp)).isEqualTo(files);
        assertThat(tmp.resolve("docs/architecture.md")).doesNotExist();
    }
}
