package io.relyscan.cli.config;

import io.relyscan.collectors.KnownRegions;
import io.relyscan.core.error.InputException;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.ArnPattern;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverSet;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates a waivers file (schema version 1, see docs/waivers.md) against the full built-in rule
 * catalog. Unlike the configuration file, every problem of the file is collected and reported at once, each
 * naming the file, line, column and field path ({@code waivers[2].expires}), so a long file is fixed in one go.
 * One problem is an {@link InputException}, several a {@link FileProblems}.
 */
public final class WaiversParser {
    /** The schema version this relyscan reads. */
    public static final int VERSION = 1;
    /** A reason must be at least a sentence: this many words ... */
    static final int MIN_REASON_WORDS = 3;
    /** ... and this many characters (after collapsing white space). */
    static final int MIN_REASON_CHARACTERS = 15;

    private static final List<String> TOP_KEYS = List.of("version", "waivers");
    private static final List<String> WAIVER_KEYS = List.of("id", "rule", "resource", "account", "region",
            "reason", "owner", "expires");
    /** Words that mark a reason as not written yet. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("todo", "tbd", "tbc", "fixme", "xxx");
    /** Whole values that name nobody. */
    private static final Set<String> PLACEHOLDER_OWNERS = Set.of("todo", "tbd", "tbc", "fixme", "xxx", "n/a",
            "na", "none", "nobody", "unknown", "owner", "-", "?");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern CATALOG_ID = Pattern.compile("[Rr][0-9]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}/]+");
    private static final String EXAMPLE_REASON = "e.g. 'Reporting replica, rebuilt nightly from orders-db; it is "
            + "never restored.'";

    private record Problem(int line, int column, String message) {
    }

    private final String file;
    private final YamlProblems problems;
    private final List<Problem> found = new ArrayList<>();
    private final Map<String, RuleMetadata> rulesById = new TreeMap<>();
    private final Map<String, RuleMetadata> rulesByCatalogId = new TreeMap<>();
    private final Map<String, Integer> idLines = new HashMap<>();

    private WaiversParser(String file, List<RuleMetadata> catalog) {
        this.file = file;
        this.problems = new YamlProblems(file);
        for (RuleMetadata rule : catalog) {
            rulesById.put(rule.id(), rule);
            rulesByCatalogId.put(rule.catalogId().toUpperCase(Locale.ROOT), rule);
        }
    }

    /**
     * @param file    the name used in messages and in each waiver's source (the path as the user gave it)
     * @param text    the file's content
     * @param catalog every rule a waiver may name: the full built-in catalog, so that a waiver of a rule the
     *                configuration disables is not an error
     * @throws InputException (a {@link FileProblems} when there are several) naming every problem of the file
     */
    public static WaiverSet parse(String file, String text, List<RuleMetadata> catalog) {
        return new WaiversParser(file, catalog).parse(text);
    }

    private WaiverSet parse(String text) {
        Node root = YamlDocuments.composeOne(file, text, problems, "the file is empty; it must hold 'version: "
                + VERSION + "' and a 'waivers:' list (see docs/waivers.md)");
        if (!(root instanceof MappingNode mapping)) {
            throw problems.at(root, "", "the top level must be a mapping with 'version: " + VERSION + "' and a "
                    + "'waivers:' list, got " + YamlProblems.describe(root));
        }
        Map<String, YamlEntry> entries = entries(mapping, "");
        checkKeys(entries, TOP_KEYS, "expected version and waivers");
        YamlEntry version = entries.get("version");
        if (version == null) {
            problem(root, "version", "missing; the file must say 'version: " + VERSION + "'");
        } else {
            checkVersion(version);
        }
        List<Waiver> waivers = new ArrayList<>();
        YamlEntry list = entries.get("waivers");
        if (list == null) {
            problem(root, "waivers", "missing; list the waivers under 'waivers:' (write 'waivers: []' when there "
                    + "are none)");
        } else if (list.isEmpty()) {
            problem(list.keyNode(), list.path(), "is empty; list the waivers under it, each starting with '- ', "
                    + "or write 'waivers: []' when there are none");
        } else if (!(list.value() instanceof SequenceNode sequence)) {
            problem(list.value(), list.path(), "must be a list of waivers, each starting with '- ', got "
                    + YamlProblems.describe(list.value()));
        } else {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                Waiver w = waiver(items.get(i), list.path() + "[" + i + "]");
                if (w != null) {
                    waivers.add(w);
                }
            }
        }
        if (found.isEmpty()) {
            return new WaiverSet(waivers);
        }
        List<String> messages = found.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .map(Problem::message).toList();
        if (messages.size() == 1) {
            throw new InputException(messages.get(0));
        }
        throw new FileProblems(file + ": " + messages.size() + " problems in the waivers file; fix them all and "
                + "run again:", messages);
    }

    private void checkVersion(YamlEntry version) {
        if (!(version.value() instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            problem(version.position(), version.path(), "must be the integer " + VERSION + ", got "
                    + YamlProblems.describe(version.value()));
        } else if (!s.getValue().trim().equals(Integer.toString(VERSION))) {
            problem(s, version.path(), "unsupported version " + s.getValue() + "; this relyscan reads waivers files "
                    + "of version " + VERSION + " (see docs/waivers.md)");
        }
    }

    /** One waiver, or null when it has a problem (recorded). */
    private Waiver waiver(Node node, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "must be a mapping with rule, resource (and/or account, region), reason, owner and "
                    + "optionally id and expires, got " + YamlProblems.describe(node));
            return null;
        }
        int before = found.size();
        Map<String, YamlEntry> entries = entries(mapping, path);
        checkKeys(entries, WAIVER_KEYS, "a waiver has " + String.join(", ", WAIVER_KEYS));
        String id = id(entries.get("id"));
        String ruleId = rule(required(entries, "rule", mapping, path, "missing; name the rule to waive by its id "
                + "(e.g. backup-recent-recovery-point) or catalog id (e.g. R40); 'relyscan rules' lists them"));
        ArnPattern resource = resource(entries.get("resource"));
        String account = account(entries.get("account"));
        String region = region(entries.get("region"));
        if (!entries.containsKey("resource") && !entries.containsKey("account") && !entries.containsKey("region")) {
            problem(mapping, path, "names no resources: give resource (an ARN pattern, * and ? allowed), account "
                    + "or region; to waive the rule on every resource, write resource: \"*\"");
        }
        if (resource != null) {
            conflict(resource, 3, "region", region, entries.get("region"));
            conflict(resource, 4, "account", account, entries.get("account"));
        }
        String reason = reason(required(entries, "reason", mapping, path, "missing; say in at least a sentence "
                + "why the risk is accepted, " + EXAMPLE_REASON));
        String owner = owner(required(entries, "owner", mapping, path, "missing; name who accepted the risk and "
                + "answers for it: a person, team or mail address, e.g. data-platform@example.com"));
        LocalDate expires = expires(entries.get("expires"));
        if (found.size() > before) {
            return null;
        }
        return new Waiver(id, ruleId, resource, account, region, reason, owner, expires,
                file + ":" + YamlProblems.line(mapping));
    }

    private YamlEntry required(Map<String, YamlEntry> entries, String key, MappingNode mapping, String path,
                               String missing) {
        YamlEntry entry = entries.get(key);
        if (entry == null) {
            problem(mapping, path + "." + key, missing);
        }
        return entry;
    }

    private String id(YamlEntry entry) {
        String id = scalar(entry, "a label such as a ticket key, e.g. WAIVER-12", Tag.STR, Tag.INT);
        if (id == null) {
            return null;
        }
        Integer first = idLines.putIfAbsent(id, YamlProblems.line(entry.value()));
        if (first != null) {
            problem(entry.value(), entry.path(), "duplicate id '" + YamlProblems.shown(id) + "' (first used on line "
                    + first + "); reports name waivers by their id, so each must be unique");
            return null;
        }
        return id;
    }

    private String rule(YamlEntry entry) {
        String name = scalar(entry, "a rule id such as backup-recent-recovery-point or a catalog id such as R40",
                Tag.STR);
        if (name == null) {
            return null;
        }
        RuleMetadata rule = rulesById.get(name);
        if (rule == null && CATALOG_ID.matcher(name).matches()) {
            rule = rulesByCatalogId.get(name.toUpperCase(Locale.ROOT));
        }
        if (rule == null) {
            Set<String> names = new TreeSet<>(rulesById.keySet());
            names.addAll(rulesByCatalogId.keySet());
            problem(entry.value(), entry.path(), "unknown rule '" + YamlProblems.shown(name) + "'"
                    + suggestion(name, names) + "; name a rule id or catalog id listed by 'relyscan rules'");
            return null;
        }
        return rule.id();
    }

    private ArnPattern resource(YamlEntry entry) {
        String text = scalar(entry, "an ARN pattern, e.g. arn:aws:rds:eu-west-1:111122223333:db:reports-*, or \"*\"",
                Tag.STR);
        if (text == null) {
            return null;
        }
        try {
            return ArnPattern.of(text);
        } catch (IllegalArgumentException e) {
            problem(entry.value(), entry.path(), YamlProblems.shown(e.getMessage()));
            return null;
        }
    }

    /** An account id may be written as a number (YAML reads 111122223333 as an integer); its digits are kept. */
    private String account(YamlEntry entry) {
        String text = scalar(entry, "a 12-digit AWS account id, e.g. \"111122223333\"", Tag.STR, Tag.INT);
        if (text == null) {
            return null;
        }
        if (!ACCOUNT.matcher(text).matches()) {
            problem(entry.value(), entry.path(), "'" + YamlProblems.shown(text) + "' is not a 12-digit AWS account "
                    + "id; write all 12 digits, in quotes when it starts with 0, e.g. \"012345678901\"");
            return null;
        }
        return text;
    }

    private String region(YamlEntry entry) {
        String text = scalar(entry, "an AWS region name, e.g. eu-west-1", Tag.STR);
        if (text == null) {
            return null;
        }
        if (!KnownRegions.isKnown(text)) {
            List<String> similar = KnownRegions.similarTo(text);
            String hint = ClosestMatch.of(text, similar).map(m -> " (did you mean '" + m + "'?)")
                    .orElse(similar.isEmpty() ? "" : "; known regions like it: " + String.join(", ", similar));
            problem(entry.value(), entry.path(), "unknown region '" + YamlProblems.shown(text) + "'" + hint);
            return null;
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * A waiver whose pattern fixes the region (part 4) or account (part 5) of the ARN, and whose region or account
     * field names another, could never match anything: almost certainly a copy-and-paste mistake.
     */
    private void conflict(ArnPattern resource, int part, String field, String value, YamlEntry entry) {
        if (value == null) {
            return;
        }
        String[] parts = resource.text().split(":", -1);
        if (parts.length <= part) {
            return;
        }
        for (int i = 0; i <= part; i++) {
            if (parts[i].contains("*") || parts[i].contains("?")) {
                return;
            }
        }
        if (!parts[part].isEmpty() && !parts[part].equals(value)) {
            problem(entry.value(), entry.path(), "'" + value + "' contradicts the resource pattern, whose " + field
                    + " is '" + parts[part] + "': the waiver could never match; drop one or make them agree");
        }
    }

    private String reason(YamlEntry entry) {
        String text = scalar(entry, "a sentence saying why the risk is accepted", Tag.STR);
        if (text == null) {
            return null;
        }
        String reason = text.replaceAll("\\s+", " ").trim();
        List<String> words = List.of(WORD_SEPARATORS.split(reason)).stream().filter(w -> !w.isEmpty()).toList();
        String placeholder = words.stream().filter(w -> PLACEHOLDER_WORDS.contains(w.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
        if (placeholder != null) {
            problem(entry.value(), entry.path(), "holds the placeholder '" + YamlProblems.shown(placeholder)
                    + "'; write the actual reason the risk is accepted, " + EXAMPLE_REASON);
            return null;
        }
        if (words.size() < MIN_REASON_WORDS || reason.length() < MIN_REASON_CHARACTERS) {
            problem(entry.value(), entry.path(), "too short ('" + YamlProblems.shown(reason) + "'); a reason is at "
                    + "least a sentence (" + MIN_REASON_WORDS + " words, " + MIN_REASON_CHARACTERS + " characters) "
                    + "saying why the risk is accepted, " + EXAMPLE_REASON);
            return null;
        }
        return reason;
    }

    private String owner(YamlEntry entry) {
        String owner = scalar(entry, "who answers for the waiver: a person, team or mail address", Tag.STR);
        if (owner == null) {
            return null;
        }
        if (PLACEHOLDER_OWNERS.contains(owner.toLowerCase(Locale.ROOT))) {
            problem(entry.value(), entry.path(), "'" + YamlProblems.shown(owner) + "' names nobody; name who "
                    + "accepted the risk and answers for it, e.g. data-platform@example.com");
            return null;
        }
        return owner;
    }

    private LocalDate expires(YamlEntry entry) {
        String text = scalar(entry, "a date YYYY-MM-DD: the last day (UTC) the waiver applies", Tag.STR);
        if (text == null) {
            return null;
        }
        if (!DATE.matcher(text).matches()) {
            problem(entry.value(), entry.path(), "'" + YamlProblems.shown(text) + "' is not a date YYYY-MM-DD; "
                    + "write the last day (UTC) the waiver applies, e.g. 2027-01-31, or leave expires out");
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem(entry.value(), entry.path(), "'" + text + "' is not a calendar date; write the last day (UTC) "
                    + "the waiver applies as YYYY-MM-DD, e.g. 2027-01-31");
            return null;
        }
    }

    /**
     * The trimmed text of a non-empty scalar of one of the allowed tags, or null (problem recorded; an absent
     * entry is null with no problem). Control characters are refused: these values end up in every report.
     * Line breaks and tabs are allowed in a reason only, where they are folded into spaces.
     */
    private String scalar(YamlEntry entry, String expected, Tag... allowed) {
        if (entry == null) {
            return null;
        }
        if (entry.isEmpty()) {
            problem(entry.keyNode(), entry.path(), "is empty; it must be " + expected + (entry.key().equals("id")
                    || entry.key().equals("expires") ? ", or be left out" : ""));
            return null;
        }
        if (!(entry.value() instanceof ScalarNode s) || !List.of(allowed).contains(s.getTag())) {
            problem(entry.position(), entry.path(), "must be " + expected + ", got "
                    + YamlProblems.describe(entry.value()));
            return null;
        }
        String text = s.getValue().trim();
        if (text.isEmpty()) {
            problem(s, entry.path(), "must be " + expected + ", got an empty string");
            return null;
        }
        boolean multiLine = entry.key().equals("reason");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowedSpace = multiLine && (c == '\n' || c == '\t' || c == '\r');
            if ((Character.isISOControl(c) || c == '\u2028' || c == '\u2029') && !allowedSpace) {
                problem(s, entry.path(), "holds a control character (" + YamlProblems.shown(String.valueOf(c))
                        + ") at position " + (i + 1) + "; write plain text"
                        + (c == '\n' ? " on one line" : ""));
                return null;
            }
        }
        return text;
    }

    /** The entries of a mapping in file order; a non-plain or duplicate key is recorded and skipped. */
    private Map<String, YamlEntry> entries(MappingNode mapping, String path) {
        Map<String, YamlEntry> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                problem(keyNode, path, "keys must be plain names, got " + YamlProblems.describe(keyNode));
                continue;
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            YamlEntry first = result.get(key.getValue());
            if (first != null) {
                problem(key, childPath, "duplicate key (first set on line " + YamlProblems.line(first.keyNode())
                        + "); keep one");
                continue;
            }
            result.put(key.getValue(), new YamlEntry(key.getValue(), childPath, key, tuple.getValueNode()));
        }
        return result;
    }

    /** Unknown keys are recorded and dropped, so that the known ones are still checked. */
    private void checkKeys(Map<String, YamlEntry> entries, List<String> allowed, String expected) {
        entries.values().removeIf(entry -> {
            if (allowed.contains(entry.key())) {
                return false;
            }
            problem(entry.keyNode(), entry.path(), "unknown key '" + YamlProblems.shown(entry.key()) + "'"
                    + suggestion(entry.key(), allowed) + "; " + expected);
            return true;
        });
    }

    private static String suggestion(String input, Collection<String> candidates) {
        return ClosestMatch.of(input, candidates).map(m -> " (did you mean '" + m + "'?)").orElse("");
    }

    private void problem(Node node, String path, String message) {
        Mark mark = node.getStartMark().orElse(null);
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        found.add(new Problem(line, column, problems.at(line, column, path, message).getMessage()));
    }
}
