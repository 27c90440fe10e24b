package io.relyscan.rules;

import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.TagCondition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One AWS Backup selection, compiled once, tested against resources (ARN and tags).
 *
 * <p>Semantics, from the AWS Backup Developer Guide: the BackupSelection data type
 * (docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html) and "Assign resources with AWS CLI"
 * (…/devguide/assigning-resources-json.html), the JSON examples of "Assigning resources to a backup plan":
 * <ul>
 *   <li>Resources: ARNs or ARN patterns, any one matching is enough (OR); {@code *} stands for zero or more
 *   non-whitespace characters and may appear anywhere (the guide's own examples use
 *   {@code arn:aws:rds:*:*:db:*}), a lone {@code *} selecting everything.</li>
 *   <li>ListOfTags: legacy tag tests (StringEquals only), any one matching is enough (OR); a resource picked
 *   by ListOfTags is added to those picked by Resources (the guide's example "all FSx file systems, one
 *   Aurora cluster and all resources tagged backup=true").</li>
 *   <li>With neither Resources nor ListOfTags, AWS selects every supported, opted-in resource.</li>
 *   <li>Conditions: StringEquals, StringNotEquals, StringLike, StringNotLike on {@code aws:ResourceTag/KEY};
 *   all must hold (AND), and they filter everything Resources and ListOfTags picked.</li>
 *   <li>NotResources: ARNs or patterns, any one matching excludes the resource (OR).</li>
 *   <li>Tag keys, values and operators are case sensitive; ARNs are compared case-sensitively too.</li>
 * </ul>
 * Not stated by the guide, so assumed as in IAM: a negated condition (StringNotEquals, StringNotLike) holds
 * when the resource lacks the tag ("backup=true but not stage=test" includes untagged-stage resources), and
 * only {@code *} is a wildcard. An operator not listed above makes the verdict UNKNOWN, never a match.
 */
final class BackupSelectionMatcher {
    enum Verdict { MATCH, NO_MATCH, UNKNOWN }

    /** The verdict and, for MATCH, which clause selected the resource (or, for UNKNOWN, what is unsupported). */
    record Result(Verdict verdict, String reason) {
    }

    private record TagTest(String operator, String key, String value, LikeGlob like, String described,
                           String failed, String listed) {
        TagTest(String operator, String key, String value, LikeGlob like) {
            this(operator, key, value, like, operator + " " + key + "=" + value,
                    "condition " + operator + " " + key + "=" + value + " does not hold",
                    "ListOfTags " + key + "=" + value);
        }

        /** TRUE/FALSE, or null when the operator is not supported. */
        Boolean test(Map<String, String> tags) {
            String actual = tags.get(key);
            return switch (operator) {
                case "STRINGEQUALS" -> value.equals(actual);
                case "STRINGNOTEQUALS" -> !value.equals(actual);
                case "STRINGLIKE" -> actual != null && like.matches(actual);
                case "STRINGNOTLIKE" -> actual == null || !like.matches(actual);
                default -> null;
            };
        }

        String describe() {
            return described;
        }
    }

    private static final Result EXCLUDED = new Result(Verdict.NO_MATCH, "excluded by NotResources");
    private static final Result ALL_BY_DEFAULT = new Result(Verdict.MATCH,
            "no Resources or ListOfTags: every opted-in resource");
    private static final Result NOTHING_MATCHES = new Result(Verdict.NO_MATCH,
            "no Resources pattern or ListOfTags entry matches");

    private final BackupSelection selection;
    private final String id;
    private final boolean selectsAllByDefault;
    private final Set<String> exactResources = new HashSet<>();
    private final List<ArnGlob> resourcePatterns = new ArrayList<>();
    /** The MATCH result of each pattern (same order), made once. */
    private final List<Result> patternMatches = new ArrayList<>();
    private final Set<String> exactExclusions = new HashSet<>();
    private final List<ArnGlob> exclusionPatterns = new ArrayList<>();
    private final List<TagTest> listOfTags;
    private final List<TagTest> conditions;

    private BackupSelectionMatcher(BackupSelection selection) {
        this.selection = selection;
        this.id = selection.planId() + "/" + selection.selectionId();
        this.selectsAllByDefault = selection.resources().isEmpty() && selection.listOfTags().isEmpty();
        for (String r : selection.resources()) {
            if (r.contains("*")) {
                resourcePatterns.add(ArnGlob.of(r));
                patternMatches.add(new Result(Verdict.MATCH, "Resources " + r));
            } else {
                exactResources.add(r);
            }
        }
        for (String r : selection.notResources()) {
            if (r.contains("*")) {
                exclusionPatterns.add(ArnGlob.of(r));
            } else {
                exactExclusions.add(r);
            }
        }
        this.listOfTags = selection.listOfTags().stream().map(BackupSelectionMatcher::tagTest).toList();
        this.conditions = selection.conditions().stream().map(BackupSelectionMatcher::tagTest).toList();
    }

    static BackupSelectionMatcher compile(BackupSelection selection) {
        return new BackupSelectionMatcher(selection);
    }

    BackupSelection selection() {
        return selection;
    }

    /** "planId/selectionId". */
    String id() {
        return id;
    }

    Result evaluate(String arn, Map<String, String> tags) {
        Result base = base(arn, tags);
        if (base.verdict() == Verdict.NO_MATCH) {
            return base;
        }
        if (exactExclusions.contains(arn)) {
            return EXCLUDED;
        }
        for (ArnGlob exclusion : exclusionPatterns) {
            if (exclusion.matches(arn)) {
                return EXCLUDED;
            }
        }
        String unknown = null;
        for (int i = 0; i < conditions.size(); i++) {
            TagTest c = conditions.get(i);
            Boolean ok = c.test(tags);
            if (Boolean.FALSE.equals(ok)) {
                return new Result(Verdict.NO_MATCH, c.failed());
            }
            unknown = ok == null ? "unsupported condition operator " + c.operator() : unknown;
        }
        if (unknown != null || base.verdict() == Verdict.UNKNOWN) {
            return new Result(Verdict.UNKNOWN, unknown != null ? unknown : base.reason());
        }
        return conditions.isEmpty() ? base : new Result(Verdict.MATCH, base.reason() + ", all "
                + conditions.size() + " condition(s) hold");
    }

    private Result base(String arn, Map<String, String> tags) {
        if (selectsAllByDefault) {
            return ALL_BY_DEFAULT;
        }
        if (exactResources.contains(arn)) {
            return new Result(Verdict.MATCH, "Resources " + arn);
        }
        for (int i = 0; i < resourcePatterns.size(); i++) {
            if (resourcePatterns.get(i).matches(arn)) {
                return patternMatches.get(i);
            }
        }
        String unknown = null;
        for (int i = 0; i < listOfTags.size(); i++) {
            TagTest t = listOfTags.get(i);
            Boolean ok = t.test(tags);
            if (Boolean.TRUE.equals(ok)) {
                return new Result(Verdict.MATCH, t.listed());
            }
            unknown = ok == null ? "unsupported ListOfTags operator " + t.operator() : unknown;
        }
        return unknown != null ? new Result(Verdict.UNKNOWN, unknown)
                : NOTHING_MATCHES;
    }

    private static TagTest tagTest(TagCondition c) {
        String op = c.operator().replace("_", "").toUpperCase(Locale.ROOT);
        String key = c.key();
        if (key.regionMatches(true, 0, "aws:ResourceTag/", 0, "aws:ResourceTag/".length())) {
            key = key.substring("aws:ResourceTag/".length());
        }
        return new TagTest(op, key, c.value(), LikeGlob.of(c.value()));
    }

    /**
     * An ARN pattern: {@link #glob} with {@code *} as non-whitespace characters ({@code \S*}), matched without
     * the regex when the ARN has no whitespace (as ARNs never do): then {@code *} matches any run of characters,
     * and a match is the literal head, the literal middle parts found in order (leftmost first), and the literal
     * tail, without overlap. An ARN with whitespace that matches so goes through the regex.
     */
    record ArnGlob(String[] parts, Pattern pattern, boolean regexOnly) {
        static ArnGlob of(String text) {
            String[] parts = text.split("\\*", -1);
            return new ArnGlob(parts, glob(text, "\\S*"),
                    parts.length < 2 || Arrays.stream(parts).anyMatch(ArnGlob::hasWhitespace));
        }

        boolean matches(String arn) {
            if (regexOnly) {
                return pattern.matcher(arn).matches();
            }
            // A regex match is a match of the plain glob too (\S* is narrower than "anything"): only a plain
            // match needs the whitespace check, and only an ARN with whitespace needs the regex.
            return matchesPlain(arn) && (!hasWhitespace(arn) || pattern.matcher(arn).matches());
        }

        private boolean matchesPlain(String arn) {
            return matchesParts(parts, arn);
        }

        /**
         * Whether {@code s} is the parts of a glob split at {@code *} (at least two) with anything between them:
         * the literal head, the middle parts found in order (leftmost first) and the literal tail, without overlap.
         */
        static boolean matchesParts(String[] parts, String s) {
            String arn = s;
            String head = parts[0];
            String tail = parts[parts.length - 1];
            int end = arn.length() - tail.length();
            if (end < head.length() || !arn.startsWith(head) || !arn.endsWith(tail)) {
                return false;
            }
            int at = head.length();
            for (int i = 1; i < parts.length - 1; i++) {
                int found = arn.indexOf(parts[i], at);
                if (found < 0 || found + parts[i].length() > end) {
                    return false;
                }
                at = found + parts[i].length();
            }
            return true;
        }

        /**
         * The characters {@code \s} stands for (without UNICODE_CHARACTER_CLASS); surrogates too, so that the
         * regex, which works on code points, decides for text outside the BMP.
         */
        private static boolean hasWhitespace(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
                        || Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A StringLike tag value: {@link #glob} with {@code *} as any characters ({@code .*}, DOTALL), matched
     * without the regex when neither the pattern nor the value holds surrogates (where the regex works on code
     * points and a literal part could meet half a pair): a pattern without {@code *} is then equality, and one
     * with it is {@link ArnGlob#matchesParts}.
     */
    record LikeGlob(String text, String[] parts, Pattern pattern, boolean regexOnly) {
        static LikeGlob of(String text) {
            return new LikeGlob(text, text.split("\\*", -1), glob(text, ".*"), hasSurrogate(text));
        }

        boolean matches(String value) {
            if (regexOnly || hasSurrogate(value)) {
                return pattern.matcher(value).matches();
            }
            return parts.length < 2 ? text.equals(value) : ArnGlob.matchesParts(parts, value);
        }

        private static boolean hasSurrogate(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isSurrogate(s.charAt(i))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A pattern where {@code *} matches {@code any}; everything else is literal. */
    static Pattern glob(String text, String any) {
        String[] parts = text.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(any);
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
