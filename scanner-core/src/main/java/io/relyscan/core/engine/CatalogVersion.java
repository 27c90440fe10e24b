package io.relyscan.core.engine;

import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rule catalog version a report was evaluated with: the relyscan version, and a digest of the rules as they
 * were in effect. Two reports can be merged only when both are equal, because only then were their findings
 * decided by the same rules with the same settings.
 *
 * @param toolVersion the relyscan version that evaluated the rules
 * @param digest      64 lowercase hex digits: SHA-256 over the evaluated rules' ids, effective severities and
 *                    parameter values in effect, and the tier-1 selector (see {@link #of})
 */
public record CatalogVersion(String toolVersion, String digest) {
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public CatalogVersion {
        Objects.requireNonNull(toolVersion, "toolVersion");
        if (digest == null || !HEX_256.matcher(digest).matches()) {
            throw new IllegalArgumentException("catalog digest must be 64 lowercase hex digits: " + digest);
        }
    }

    /**
     * The version of the catalog in effect. The digest is SHA-256 over UTF-8 lines, one per rule sorted by id,
     * {@code rule <id> <severity>}, each followed by one line per parameter in the rule's order,
     * {@code param <name>=<value in effect>} (the configured value, else the default), then one last line
     * {@code tier1 <key>=<values>} or {@code tier1 none}. Titles and texts are left out: they are fixed by the
     * tool version.
     *
     * @param rules    the metadata of the rules evaluated, at their effective severity
     * @param settings the configured parameters and tier-1 selector
     */
    public static CatalogVersion of(String toolVersion, List<RuleMetadata> rules, EngineSettings settings) {
        StringBuilder text = new StringBuilder();
        for (RuleMetadata rule : rules.stream().sorted(Comparator.comparing(RuleMetadata::id)).toList()) {
            text.append("rule ").append(rule.id()).append(' ').append(rule.severity().name()).append('\n');
            Map<String, String> configured = settings.parametersOf(rule.id());
            for (RuleParameter p : rule.parameters()) {
                text.append("param ").append(p.name()).append('=')
                        .append(configured.getOrDefault(p.name(), p.defaultValue())).append('\n');
            }
        }
        text.append("tier1 ").append(settings.tier1().map(t -> t.describe()).orElse("none")).append('\n');
        return new CatalogVersion(toolVersion, sha256(text.toString()));
    }

    /** The catalog of rules evaluated with default settings. */
    public static CatalogVersion ofDefaults(String toolVersion, List<RuleMetadata> rules) {
        return of(toolVersion, rules, EngineSettings.defaults());
    }

    /** For messages: {@code relyscan 0.1.0, rules 0123abcd…}. */
    public String describe() {
        return "relyscan " + toolVersion + ", rules " + digest.substring(0, 12);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
