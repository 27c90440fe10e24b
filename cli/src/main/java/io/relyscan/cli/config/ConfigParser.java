package io.relyscan.cli.config;

import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.ParameterType;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads and validates {@code relyscan.yaml} (schema version 1) against the rule catalog. Every problem is an
 * {@link InputException} naming the file, line, column and dotted field path. The YAML is composed into nodes
 * (never constructed into objects), so positions are kept and no type from the file is instantiated.
 */
public final class ConfigParser {
    private static final List<String> TOP_KEYS = List.of("version", "tier1", "rules");
    private static final List<String> TIER1_KEYS = List.of("tagKey", "tagValues");
    private static final List<String> RULE_KEYS = List.of("enabled", "severity", "parameters");
    private static final String SEVERITIES = Arrays.stream(Severity.values()).map(Severity::name)
            .collect(Collectors.joining(", "));

    private final String file;
    private final YamlProblems problems;
    private final Map<String, RuleMetadata> catalog = new TreeMap<>();

    private ConfigParser(String file, List<RuleMetadata> catalog) {
        this.file = file;
        this.problems = new YamlProblems(file);
        catalog.forEach(m -> this.catalog.put(m.id(), m));
    }

    /**
     * @param file    the name used in messages (the path as the user gave it)
     * @param text    the file's content
     * @param catalog the rules the file may configure
     */
    public static RelyscanConfig parse(String file, String text, List<RuleMetadata> catalog) {
        return new ConfigParser(file, catalog).parse(text);
    }

    private RelyscanConfig parse(String text) {
        Node root = compose(text);
        if (!(root instanceof MappingNode mapping)) {
            throw problems.at(root, "", "the top level must be a mapping with version, tier1 and rules, got "
                    + YamlProblems.describe(root));
        }
        Map<String, YamlEntry> entries = entries(mapping, "");
        checkKeys(entries, TOP_KEYS);
        YamlEntry version = entries.get("version");
        if (version == null) {
            throw problems.at(root, "version", "missing; the file must say 'version: " + RelyscanConfig.VERSION
                    + "'");
        }
        checkVersion(version);
        Optional<Tier1Selector> tier1 = Optional.ofNullable(entries.get("tier1")).flatMap(this::tier1);
        Map<String, RuleConfig> rules = Optional.ofNullable(entries.get("rules")).map(this::rules)
                .orElse(Map.of());
        return new RelyscanConfig(Optional.of(file), tier1, rules);
    }

    private Node compose(String text) {
        return YamlDocuments.composeOne(file, text, problems, "the file is empty; it must hold at least 'version: "
                + RelyscanConfig.VERSION + "'");
    }

    private void checkVersion(YamlEntry version) {
        Node node = version.position();
        if (!(version.value() instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            throw problems.at(node, version.path(), "must be the integer " + RelyscanConfig.VERSION + ", got "
                    + YamlProblems.describe(version.value()));
        }
        if (!s.getValue().trim().equals(Integer.toString(RelyscanConfig.VERSION))) {
            throw problems.at(node, version.path(), "unsupported version " + s.getValue() + "; this relyscan reads "
                    + "version " + RelyscanConfig.VERSION + " (see docs/configuration.md)");
        }
    }

    private Optional<Tier1Selector> tier1(YamlEntry tier1) {
        Optional<MappingNode> mapping = mapping(tier1, "tagKey and optional tagValues");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Map<String, YamlEntry> entries = entries(mapping.get(), tier1.path());
        checkKeys(entries, TIER1_KEYS);
        YamlEntry key = entries.get("tagKey");
        if (key == null) {
            throw problems.at(tier1.keyNode(), tier1.path() + ".tagKey", "missing; name the tag key that marks "
                    + "tier-1 resources, e.g. 'tagKey: criticality'");
        }
        String tagKey = text(key);
        Set<String> values = new LinkedHashSet<>();
        YamlEntry tagValues = entries.get("tagValues");
        if (tagValues != null) {
            if (!(tagValues.value() instanceof SequenceNode list)) {
                throw problems.at(tagValues.position(), tagValues.path(), "must be a list of tag values, e.g. "
                        + "[tier-1, critical], got " + YamlProblems.describe(tagValues.value()));
            }
            if (list.getValue().isEmpty()) {
                throw problems.at(list, tagValues.path(), "must not be empty; leave tagValues out to make any "
                        + "value of " + tagKey + " mark tier-1");
            }
            List<Node> items = list.getValue();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                values.add(text(item, item, tagValues.path() + "[" + i + "]"));
            }
        }
        return Optional.of(new Tier1Selector(tagKey, values));
    }

    private Map<String, RuleConfig> rules(YamlEntry rules) {
        Optional<MappingNode> mapping = mapping(rules, "rule ids");
        Map<String, RuleConfig> result = new TreeMap<>();
        if (mapping.isEmpty()) {
            return result;
        }
        for (YamlEntry entry : entries(mapping.get(), rules.path()).values()) {
            RuleMetadata rule = catalog.get(entry.key());
            if (rule == null) {
                throw problems.at(entry.keyNode(), entry.path(), "unknown rule id" + suggestion(entry.key(),
                        catalog.keySet()) + "; 'relyscan rules' lists every rule id");
            }
            result.put(rule.id(), rule(rule, entry));
        }
        return result;
    }

    private RuleConfig rule(RuleMetadata rule, YamlEntry ruleEntry) {
        Optional<MappingNode> mapping = mapping(ruleEntry, "enabled, severity or parameters");
        if (mapping.isEmpty()) {
            return RuleConfig.defaults();
        }
        Map<String, YamlEntry> entries = entries(mapping.get(), ruleEntry.path());
        checkKeys(entries, RULE_KEYS);
        boolean enabled = Optional.ofNullable(entries.get("enabled")).map(this::bool).orElse(true);
        Optional<Severity> severity = Optional.ofNullable(entries.get("severity")).map(this::severity);
        Map<String, String> parameters = new TreeMap<>();
        YamlEntry params = entries.get("parameters");
        if (params != null) {
            Optional<MappingNode> paramMapping = mapping(params, "parameter names and values");
            if (paramMapping.isPresent()) {
                for (YamlEntry p : entries(paramMapping.get(), params.path()).values()) {
                    parameters.put(p.key(), parameter(rule, p));
                }
            }
        }
        return new RuleConfig(enabled, severity, parameters);
    }

    private String parameter(RuleMetadata rule, YamlEntry entry) {
        RuleParameter parameter = rule.parameter(entry.key()).orElseThrow(() -> problems.at(entry.keyNode(),
                entry.path(), "unknown parameter" + suggestion(entry.key(), rule.parameters().stream()
                        .map(RuleParameter::name).toList()) + "; " + parametersOf(rule)));
        Node value = entry.value();
        if (parameter.type() == ParameterType.STRING_LIST) {
            return stringList(entry);
        }
        Tag expected = switch (parameter.type()) {
            case INTEGER -> Tag.INT;
            case BOOLEAN -> Tag.BOOL;
            case STRING, STRING_LIST -> Tag.STR;
        };
        boolean scalar = value instanceof ScalarNode s && !s.getTag().equals(Tag.NULL);
        if (!scalar || (parameter.type() != ParameterType.STRING && !value.getTag().equals(expected))) {
            throw problems.at(entry.position(), entry.path(), "must be " + typeName(parameter.type()) + ", got "
                    + YamlProblems.describe(value));
        }
        String text = ((ScalarNode) value).getValue();
        String problem = parameter.problemWith(text);
        if (problem != null) {
            throw problems.at(value, entry.path(), problem);
        }
        return switch (parameter.type()) {
            case INTEGER -> Integer.toString(Integer.parseInt(text.trim()));
            case BOOLEAN -> text.trim().toLowerCase(Locale.ROOT);
            case STRING, STRING_LIST -> text;
        };
    }

    /**
     * A YAML sequence of non-empty strings (an empty sequence is an empty list), held as its items joined by
     * commas; an item is text even when it looks like a number, and may not contain a comma.
     */
    private String stringList(YamlEntry entry) {
        if (!(entry.value() instanceof SequenceNode list)) {
            throw problems.at(entry.position(), entry.path(), "must be " + typeName(ParameterType.STRING_LIST)
                    + ", got " + YamlProblems.describe(entry.value()));
        }
        List<String> items = new java.util.ArrayList<>();
        List<Node> nodes = list.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            String path = entry.path() + "[" + i + "]";
            String text = text(item, item, path);
            if (text.contains(",")) {
                throw problems.at(item, path, "must not contain a comma, got " + YamlProblems.describe(item)
                        + "; write one item per list entry");
            }
            items.add(text);
        }
        return String.join(",", items);
    }

    private static String parametersOf(RuleMetadata rule) {
        if (rule.parameters().isEmpty()) {
            return rule.id() + " has no parameters";
        }
        return rule.id() + " has " + rule.parameters().stream()
                .map(p -> p.name() + " (" + p.type().name().toLowerCase(Locale.ROOT) + ", default "
                        + (p.type() == ParameterType.STRING_LIST
                        ? "[" + String.join(", ", RuleParameter.items(p.defaultValue())) + "]" : p.defaultValue())
                        + ")")
                .collect(Collectors.joining(", "));
    }

    private static String typeName(ParameterType type) {
        return switch (type) {
            case INTEGER -> "an integer";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case STRING_LIST -> "a list of strings, e.g. [CPUUtilization, FreeStorageSpace]";
        };
    }

    private boolean bool(YamlEntry entry) {
        if (!(entry.value() instanceof ScalarNode s) || !s.getTag().equals(Tag.BOOL)) {
            throw problems.at(entry.position(), entry.path(), "must be true or false, got "
                    + YamlProblems.describe(entry.value()));
        }
        return Boolean.parseBoolean(s.getValue().trim().toLowerCase(Locale.ROOT));
    }

    private Severity severity(YamlEntry entry) {
        if (!(entry.value() instanceof ScalarNode s) || !s.getTag().equals(Tag.STR)) {
            throw problems.at(entry.position(), entry.path(), "must be one of " + SEVERITIES + ", got "
                    + YamlProblems.describe(entry.value()));
        }
        return Severity.parse(s.getValue()).orElseThrow(() -> problems.at(s, entry.path(), "unknown severity '"
                + s.getValue() + "'; expected one of " + SEVERITIES));
    }

    private String text(YamlEntry entry) {
        return text(entry.value(), entry.position(), entry.path());
    }

    /** A non-blank scalar as text: tag keys and values are strings even when they look like numbers. */
    private String text(Node value, Node position, String path) {
        if (!(value instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
            throw problems.at(position, path, "must be a non-empty string, got " + YamlProblems.describe(value));
        }
        if (s.getValue().isBlank()) {
            throw problems.at(position, path, "must be a non-empty string, got an empty string");
        }
        return s.getValue().trim();
    }

    /** The entry's mapping; empty for {@code key:} with nothing after it (the same as leaving the key out). */
    private Optional<MappingNode> mapping(YamlEntry entry, String expected) {
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!(entry.value() instanceof MappingNode m)) {
            throw problems.at(entry.value(), entry.path(), "must be a mapping of " + expected + ", got "
                    + YamlProblems.describe(entry.value()));
        }
        return Optional.of(m);
    }

    /** The entries of a mapping in file order; keys must be plain and unique. */
    private Map<String, YamlEntry> entries(MappingNode mapping, String path) {
        Map<String, YamlEntry> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                throw problems.at(keyNode, path, "keys must be plain names, got " + YamlProblems.describe(keyNode));
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            YamlEntry first = result.get(key.getValue());
            if (first != null) {
                throw problems.at(key, childPath, "duplicate key (first set on line "
                        + YamlProblems.line(first.keyNode()) + ")");
            }
            result.put(key.getValue(), new YamlEntry(key.getValue(), childPath, key, tuple.getValueNode()));
        }
        return result;
    }

    private void checkKeys(Map<String, YamlEntry> entries, List<String> allowed) {
        for (YamlEntry entry : entries.values()) {
            if (!allowed.contains(entry.key())) {
                throw problems.at(entry.keyNode(), entry.path(), "unknown key" + suggestion(entry.key(), allowed)
                        + "; expected one of " + String.join(", ", allowed));
            }
        }
    }

    private static String suggestion(String input, Collection<String> candidates) {
        return ClosestMatch.of(input, candidates).map(m -> " (did you mean '" + m + "'?)").orElse("");
    }
}
