package io.relyscan.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A backup vault access policy, read into typed statements, and the question R44 asks of it: which statements
 * deny an action on a resource to every principal, always. Judgements where IAM leaves room:
 * <ul>
 *   <li>Principal {@code "*"}, {@code {"AWS":"*"}} or {@code {"AWS":["*"]}} denies everyone; a statement naming
 *   principals denies only them and does not count.</li>
 *   <li>A Deny that exempts principals counts when every exempt principal is allowed by {@code principalArnList}
 *   (an entry equal to it, or an entry with {@code *} wildcards matching it). Exemptions are written either as
 *   {@code NotPrincipal} or, in practice, as a Condition with ArnNotEquals, ArnNotLike, StringNotEquals or
 *   StringNotLike (optionally ...IfExists) on {@code aws:PrincipalArn}.</li>
 *   <li>Any other Condition may make the Deny not apply (a source IP, MFA, a tag), so the statement does not
 *   count: relyscan cannot prove it always applies.</li>
 *   <li>{@code NotAction} in a Deny denies every action not listed, so it covers an action it does not list.</li>
 *   <li>{@code NotResource} is not counted: which recovery points it leaves out cannot be decided here.</li>
 *   <li>Action and Resource patterns use IAM wildcards ({@code *}, {@code ?}); actions compare case-insensitively.</li>
 * </ul>
 */
final class VaultAccessPolicy {
    private static final Set<String> EXEMPTING_OPERATORS = Set.of("arnnotequals", "arnnotlike", "stringnotequals",
            "stringnotlike");
    private static final String PRINCIPAL_ARN = "aws:principalarn";

    record Statement(String label, String effect, boolean everyone, List<String> principals, boolean notPrincipal,
                     List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                     Map<String, Map<String, List<String>>> conditions) {
    }

    /** Per action, the statements that deny it; notes say why other Deny statements were not counted. */
    record Coverage(Map<String, List<String>> denyingStatements, List<String> notes) {
        List<String> uncovered() {
            return denyingStatements.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                    .toList();
        }
    }

    private final List<Statement> statements;

    private VaultAccessPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** Reads a policy document; throws IllegalArgumentException saying what is wrong with it. */
    static VaultAccessPolicy parse(String json) {
        if (!(PolicyJson.parse(json) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("the policy is not a JSON object");
        }
        Object raw = root.get("Statement");
        if (raw == null) {
            throw new IllegalArgumentException("the policy has no Statement");
        }
        List<?> list = raw instanceof List<?> l ? l : List.of(raw);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> s)) {
                throw new IllegalArgumentException("Statement " + (i + 1) + " is not a JSON object");
            }
            statements.add(statement(s, i + 1));
        }
        return new VaultAccessPolicy(statements);
    }

    List<Statement> statements() {
        return statements;
    }

    private static Statement statement(Map<?, ?> s, int index) {
        String label = s.get("Sid") instanceof String sid && !sid.isBlank() ? sid : "Statement " + index;
        if (!(s.get("Effect") instanceof String effect)) {
            throw new IllegalArgumentException(label + " has no Effect");
        }
        boolean notPrincipal = s.containsKey("NotPrincipal");
        Object principal = notPrincipal ? s.get("NotPrincipal") : s.get("Principal");
        boolean everyone = false;
        List<String> principals = new ArrayList<>();
        if ("*".equals(principal)) {
            everyone = true;
        } else if (principal instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<String> values = strings(e.getValue(), label + " Principal." + e.getKey());
                everyone |= "AWS".equals(e.getKey()) && values.contains("*");
                principals.addAll(values);
            }
        } else if (principal != null) {
            throw new IllegalArgumentException(label + " has a Principal that is neither \"*\" nor an object");
        }
        boolean notAction = s.containsKey("NotAction");
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), label + " Action");
        boolean notResource = s.containsKey("NotResource");
        List<String> resources = strings(s.get(notResource ? "NotResource" : "Resource"), label + " Resource");
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        Object condition = s.get("Condition");
        if (condition instanceof Map<?, ?> ops) {
            for (Map.Entry<?, ?> op : ops.entrySet()) {
                if (!(op.getValue() instanceof Map<?, ?> keys)) {
                    throw new IllegalArgumentException(label + " Condition " + op.getKey() + " is not an object");
                }
                Map<String, List<String>> byKey = new LinkedHashMap<>();
                keys.forEach((k, v) -> byKey.put(String.valueOf(k), strings(v, label + " Condition." + k)));
                conditions.put(String.valueOf(op.getKey()), byKey);
            }
        } else if (condition != null) {
            throw new IllegalArgumentException(label + " has a Condition that is not an object");
        }
        return new Statement(label, effect, everyone, principals, notPrincipal, actions, notAction, resources,
                notResource, conditions);
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> || o instanceof List<?> || o == null) {
                    throw new IllegalArgumentException(where + " must hold strings");
                }
                out.add(String.valueOf(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException(where + " must be a string or a list of strings");
        }
        return List.of(String.valueOf(value));
    }

    /**
     * Which Deny statements deny each action on its resource to everyone, always.
     *
     * @param targets action (e.g. backup:DeleteRecoveryPoint) to an ARN of the resource it acts on
     * @param exempt  whether a principal may be exempted from the Deny (principalArnList)
     */
    Coverage coverage(Map<String, String> targets, Predicate<String> exempt) {
        Map<String, List<String>> denying = new LinkedHashMap<>();
        targets.keySet().forEach(a -> denying.put(a, new ArrayList<>()));
        List<String> notes = new ArrayList<>();
        for (Statement s : statements) {
            if (!"Deny".equals(s.effect())) {
                continue;
            }
            String problem = whyNotUnconditional(s, exempt);
            if (problem != null) {
                notes.add(s.label() + ": " + problem);
                continue;
            }
            for (Map.Entry<String, String> t : targets.entrySet()) {
                boolean action = s.actions().stream().anyMatch(p -> wildcard(p, true).matcher(t.getKey()).matches());
                boolean resource = s.resources().stream().anyMatch(p -> wildcard(p, false).matcher(t.getValue())
                        .matches());
                if (action != s.notAction() && resource) {
                    denying.get(t.getKey()).add(s.label());
                }
            }
        }
        return new Coverage(denying, notes);
    }

    /** Why a Deny statement might not apply to every principal every time; null when it always does. */
    private static String whyNotUnconditional(Statement s, Predicate<String> exempt) {
        Set<String> exemptions = new TreeSet<>();
        if (s.notPrincipal()) {
            exemptions.addAll(s.principals());
        } else if (!s.everyone()) {
            return s.principals().isEmpty() ? "names no Principal"
                    : "denies only the principals it names " + s.principals();
        }
        if (s.notResource()) {
            return "uses NotResource; which recovery points it leaves out is not decided here";
        }
        for (Map.Entry<String, Map<String, List<String>>> op : s.conditions().entrySet()) {
            String operator = op.getKey().toLowerCase(Locale.ROOT).replace("ifexists", "");
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                if (EXEMPTING_OPERATORS.contains(operator) && PRINCIPAL_ARN.equalsIgnoreCase(key.getKey())) {
                    exemptions.addAll(key.getValue());
                } else {
                    return "Condition " + op.getKey() + " on " + key.getKey()
                            + " may keep the Deny from applying; relyscan cannot prove it always applies";
                }
            }
        }
        List<String> unexpected = exemptions.stream().filter(exempt.negate()).toList();
        if (!unexpected.isEmpty()) {
            return "exempts principals not in principalArnList: " + unexpected;
        }
        return null;
    }

    /** An IAM wildcard pattern: {@code *} any run of characters, {@code ?} one character. */
    static Pattern wildcard(String text, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
    }
}
