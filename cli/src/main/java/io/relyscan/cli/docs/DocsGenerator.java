package io.relyscan.cli.docs;

import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.framework.ControlIds;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.framework.RuleMapping;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.MappingSource;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.report.AtomicFiles;
import io.relyscan.rules.BuiltInRules;
import io.relyscan.rules.frameworks.FrameworkCatalogs;
import io.relyscan.rules.hints.RuleHint;
import io.relyscan.rules.hints.RuleHints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates the rule and framework documentation from the rules' metadata and the control catalogs:
 * {@code docs/rules/README.md}, {@code docs/rules/<rule-id>.md} and {@code docs/frameworks/<framework>.md}.
 * {@link #generate} is a pure function (paths relative to the repository root → content); only
 * {@link #write} touches files. GeneratedDocsTest keeps the committed files current.
 */
public final class DocsGenerator {
    /** The directories the generator owns entirely: any other file in them is stale. */
    public static final List<String> OWNED_DIRECTORIES = List.of("docs/rules", "docs/frameworks");
    public static final String UPDATE_COMMAND =
            "mvn -pl cli test -Dtest=GeneratedDocsTest -Drelyscan.updateDocs=true";
    private static final String NOTICE = "<!-- Generated from the rule metadata by io.relyscan.cli.docs.DocsGenerator."
            + " Do not edit: run `" + UPDATE_COMMAND + "`. -->\n\n";

    private final List<RuleMetadata> rules;
    private final List<ControlCatalog> catalogs;
    private final Function<String, Optional<RuleHint>> hints;

    public DocsGenerator(List<RuleMetadata> rules, List<ControlCatalog> catalogs,
                         Function<String, Optional<RuleHint>> hints) {
        this.rules = rules.stream().sorted(Comparator.comparing(RuleMetadata::id)).toList();
        this.catalogs = List.copyOf(catalogs);
        this.hints = hints;
    }

    /** The generator for the built-in rules and catalogs. */
    public static DocsGenerator builtIn() {
        return new DocsGenerator(BuiltInRules.all().stream().map(Rule::metadata).toList(), FrameworkCatalogs.all(),
                RuleHints::of);
    }

    /** Every generated file: path relative to the repository root, with '/' separators → content. */
    public SortedMap<String, String> generate() {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("docs/rules/README.md", index());
        for (RuleMetadata rule : rules) {
            files.put("docs/rules/" + rule.id() + ".md", rulePage(rule));
        }
        for (ControlCatalog catalog : catalogs) {
            files.put("docs/frameworks/" + catalog.framework().id() + ".md", frameworkPage(catalog));
        }
        return files;
    }

    /** Files under the owned directories of {@code root}, relative, with '/' separators. */
    public static SortedMap<String, String> existing(Path root) {
        SortedMap<String, String> files = new TreeMap<>();
        for (String dir : OWNED_DIRECTORIES) {
            Path base = root.resolve(dir);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + base, e);
            }
        }
        return files;
    }

    /** Writes the generated files atomically and deletes files in the owned directories it did not generate. */
    public static void write(Path root, Map<String, String> generated) {
        for (String stale : existing(root).keySet()) {
            if (!generated.containsKey(stale)) {
                try {
                    Files.delete(root.resolve(stale));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + stale, e);
                }
            }
        }
        generated.forEach((path, content) -> AtomicFiles.write(root.resolve(path),
                content.getBytes(StandardCharsets.UTF_8)));
    }

    private String index() {
        StringBuilder out = new StringBuilder(NOTICE);
        out.append("# Rules\n\n");
        out.append("relyscan's built-in rules, one page each: what the rule checks, why it matters, how to fix a ")
                .append("failure, its parameters and the controls it maps to. `relyscan rules` prints the same ")
                .append("catalog; the `Ref` column is the rules-catalog row the rule implements.\n\n");
        out.append("Controls by framework: ");
        out.append(catalogs.stream().map(c -> "[" + c.framework().title() + "](../frameworks/" + c.framework().id()
                + ".md)").collect(Collectors.joining(", "))).append(".\n\n");
        out.append("| Rule | Severity | Ref | Title |\n|---|---|---|---|\n");
        for (RuleMetadata r : rules) {
            out.append("| [`").append(r.id()).append("`](").append(r.id()).append(".md) | ").append(r.severity())
                    .append(" | ").append(r.catalogId()).append(" | ").append(cell(r.title())).append(" |\n");
        }
        out.append("\n").append(rules.size()).append(" rules.\n");
        return out.toString();
    }

    private String rulePage(RuleMetadata r) {
        StringBuilder out = new StringBuilder(NOTICE);
        out.append("# `").append(r.id()).append("`\n\n");
        out.append("**").append(text(r.title())).append("**\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| Severity | ").append(r.severity()).append(" (default, before tier-1 escalation and ")
                .append("configured overrides) |\n");
        out.append("| Resource | ").append(r.resourceType().equals("Region")
                ? "`Region`: one finding per scanned account and region" : "`" + r.resourceType()
                + "`: one finding per resource").append(" |\n");
        out.append("| Reads | ").append(r.inputs().stream().map(AwsService::id).sorted().map(s -> "`" + s + "`")
                .collect(Collectors.joining(", "))).append(" |\n");
        out.append("| Catalog row | ").append(r.catalogId()).append(" |\n\n");

        out.append("## What it checks\n\n").append(text(r.title())).append(". ");
        List<String> inputs = r.inputs().stream().map(AwsService::id).sorted().map(s -> "`" + s + "`").toList();
        out.append("The rule reads what relyscan collected from ").append(String.join(", ", inputs));
        out.append(inputs.size() == 1 ? "; in a region where it was not completely collected"
                : "; in a region where any of them was not completely collected");
        out.append(", the rule's findings there are ERROR, never PASS.\n\n");
        out.append("## Why it matters\n\n").append(text(r.rationale())).append("\n\n");
        out.append("## How to fix\n\n").append(text(r.remediation())).append("\n\n");
        hints.apply(r.id()).ifPresent(h -> out.append("### Where to change it\n\n")
                .append("- **Console:** ").append(oneLine(h.console())).append("\n")
                .append("- **CloudFormation:** ").append(oneLine(h.cloudFormation())).append("\n")
                .append("- **Terraform:** ").append(oneLine(h.terraform())).append("\n\n"));

        out.append("## Parameters\n\n");
        if (r.parameters().isEmpty()) {
            out.append("None.\n\n");
        } else {
            out.append("Set them in `relyscan.yaml` under `rules.").append(r.id()).append(".parameters` (see ")
                    .append("[configuration](../configuration.md)); a value outside the bounds is rejected.\n\n");
            out.append("| Name | Type | Default | Bounds | Description |\n|---|---|---|---|---|\n");
            for (RuleParameter p : r.parameters()) {
                String shown = p.defaultValue().isEmpty() ? "(empty)" : "`" + cell(p.defaultValue()) + "`";
                out.append("| `").append(p.name()).append("` | ").append(p.type()).append(" | ").append(shown)
                        .append(" | ").append(bounds(p)).append(" | ").append(cell(p.description())).append(" |\n");
            }
            out.append("\n");
        }

        out.append("## Controls\n\n");
        out.append("*Anchored* mappings come from an established mapping (AWS Config conformance packs, Security ")
                .append("Hub, Steampipe, Prowler, Trusted Advisor); *proposed* ones are relyscan's own.\n\n");
        out.append("| Framework | Control | Title | Mapping |\n|---|---|---|---|\n");
        for (Framework f : Framework.values()) {
            Optional<ControlCatalog> catalog = catalogs.stream().filter(c -> c.framework() == f).findFirst();
            for (ControlRef ref : r.controls(f).stream()
                    .sorted(Comparator.comparing(ControlRef::controlId, ControlIds.NATURAL)).toList()) {
                String title = catalog.flatMap(c -> c.control(ref.controlId())).map(ControlDefinition::title)
                        .orElse("(not in the control catalog)");
                out.append("| [").append(f.title()).append("](../frameworks/").append(f.id()).append(".md) | ")
                        .append(ref.controlId()).append(" | ").append(cell(title)).append(" | ")
                        .append(ref.source() == MappingSource.ANCHOR ? "anchored" : "proposed").append(" |\n");
            }
        }
        return out.toString();
    }

    private String frameworkPage(ControlCatalog catalog) {
        Framework f = catalog.framework();
        FrameworkView view = FrameworkView.mapping(catalog, rules);
        Map<String, RuleMetadata> byId = rules.stream().collect(Collectors.toMap(RuleMetadata::id, m -> m));
        long manual = view.controls().stream().filter(ControlView::manual).count();
        StringBuilder out = new StringBuilder(NOTICE);
        out.append("# ").append(f.title()).append(" (`").append(f.id()).append("`)\n\n");
        out.append("The ").append(f.title()).append(" controls relyscan knows, each with the built-in rules that ")
                .append("provide evidence for it. ").append(view.controls().size()).append(" controls: ")
                .append(view.controls().size() - manual).append(" with automated rules, ").append(manual)
                .append(" manual (no rule covers them; they need evidence from outside relyscan). Titles are ")
                .append("relyscan's own short wording, not the framework's text.\n\n");
        out.append("`relyscan rules --framework ").append(f.id()).append("` prints this list; `relyscan scan ")
                .append("--framework ").append(f.id()).append("` evaluates only the rules below and groups the ")
                .append("report by control. A rule marked \\* is mapped by relyscan's proposal rather than by an ")
                .append("anchor.\n\n");
        if (f == Framework.WA_RELIABILITY) {
            out.append("Best-practice numbers follow the current Reliability pillar as recorded in the rules ")
                    .append("catalog; REL06-BP06 and the REL13 numbers are still to be confirmed against the ")
                    .append("published framework. REL-1, REL-6 and REL-10 are question-level ids: the classic AWS ")
                    .append("Config conformance pack for the pillar maps its rules to questions, not to best ")
                    .append("practices.\n\n");
        }
        out.append("| Control | Title | Rules |\n|---|---|---|\n");
        for (ControlView c : view.controls()) {
            out.append("| ").append(c.id()).append(" | ").append(cell(c.title())).append(" | ");
            if (c.manual()) {
                out.append("manual");
            } else {
                List<String> links = new ArrayList<>();
                for (RuleMapping m : c.rules()) {
                    RuleMetadata meta = byId.get(m.ruleId());
                    links.add("[`" + m.ruleId() + "`](../rules/" + m.ruleId() + ".md)"
                            + (m.source() == MappingSource.PROPOSED ? "\\*" : "") + " (" + meta.catalogId() + ")");
                }
                out.append(String.join(", ", links));
            }
            out.append(" |\n");
        }
        TreeSet<String> mapped = new TreeSet<>();
        view.controls().forEach(c -> c.rules().forEach(m -> mapped.add(m.ruleId())));
        out.append("\n").append(mapped.size()).append(" of ").append(rules.size())
                .append(" rules map to this framework.\n");
        return out.toString();
    }

    private static String bounds(RuleParameter p) {
        if (p.minimum() == null && p.maximum() == null) {
            return "–";
        }
        if (p.maximum() == null) {
            return "≥ " + p.minimum();
        }
        if (p.minimum() == null) {
            return "≤ " + p.maximum();
        }
        return p.minimum() + " to " + p.maximum();
    }

    /** Plain-text prose from metadata, on one line, with characters Markdown would read as HTML kept literal. */
    private static String text(String s) {
        return oneLine(s).replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Hints are written in Markdown already: only joined onto one line. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String cell(String s) {
        return text(s).replace("|", "\\|");
    }
}
