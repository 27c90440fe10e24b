package io.relyscan.core.rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of one rule for one resource, with the evidence that decided it.
 *
 * @param id         stable id derived from (rule id, resource ARN), so scans can be compared
 * @param severity   the effective severity (for FAIL: how bad this failure is; otherwise the rule's default)
 * @param message    one line saying why
 * @param evidence   the raw fields that decided the outcome (values: strings, numbers, booleans, lists, null)
 * @param parameters the rule parameters in effect
 */
public record Finding(String id, String ruleId, String resourceArn, String resourceType, String resourceName,
                      String account, String region, Outcome outcome, Severity severity, String message,
                      Map<String, Object> evidence, Map<String, String> parameters)
        implements Comparable<Finding> {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (id == null) {
            id = stableId(ruleId, resourceArn);
        }
        // Immutable, in key order. Compact: a scan can hold millions of findings (see CompactSortedMap).
        evidence = CompactSortedMap.copyOf(evidence == null ? Map.of() : evidence);
        parameters = CompactSortedMap.copyOf(parameters == null ? Map.of() : parameters);
    }

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    /** The first 16 bytes of SHA-256 over "ruleId|resourceArn", in hex. */
    public static String stableId(String ruleId, String resourceArn) {
        // The UTF-8 of ruleId + "|" + resourceArn, fed in parts: '|' separates them, so no character spans both.
        MessageDigest sha = SHA_256.get();
        sha.update(ruleId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '|');
        sha.update(resourceArn.getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    public Finding withOutcome(Outcome newOutcome, String newMessage, Map<String, Object> extraEvidence) {
        TreeMap<String, Object> ev = new TreeMap<>(evidence);
        ev.putAll(extraEvidence);
        return new Finding(id, ruleId, resourceArn, resourceType, resourceName, account, region, newOutcome,
                severity, newMessage, ev, parameters);
    }

    @Override
    public int compareTo(Finding o) {
        int c = ruleId.compareTo(o.ruleId);
        if (c != 0) {
            return c;
        }
        c = resourceArn.compareTo(o.resourceArn);
        return c != 0 ? c : id.compareTo(o.id);
    }
}
