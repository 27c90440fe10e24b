package io.relyscan.core.waiver;

import java.util.Objects;

/**
 * A resource ARN pattern: {@code *} stands for any run of characters (including none, and including {@code :}
 * and {@code /}), {@code ?} for exactly one; everything else matches itself, case-sensitively, as ARNs do.
 * A pattern is either {@code *} alone (every resource) or starts with {@code arn:}.
 */
public final class ArnPattern {
    private final String text;

    private ArnPattern(String text) {
        this.text = text;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException saying what is wrong and what a valid pattern looks like
     */
    public static ArnPattern of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the pattern is empty; write an ARN such as "
                    + "arn:aws:rds:us-east-1:111122223333:db:orders-* or * for every resource");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the pattern holds a space or control character at position "
                        + (i + 1) + "; ARNs have none");
            }
        }
        if (!text.equals("*") && !text.startsWith("arn:")) {
            throw new IllegalArgumentException("'" + text + "' is not an ARN pattern: it must start with 'arn:' "
                    + "(e.g. arn:aws:rds:*:111122223333:db:reports-*) or be * for every resource");
        }
        if (!text.equals("*") && text.split(":", -1).length < 6) {
            throw new IllegalArgumentException("'" + text + "' has fewer than the 6 ':'-separated parts of an ARN "
                    + "(arn:partition:service:region:account:resource); use * inside a part, e.g. "
                    + "arn:aws:rds:*:*:db:reports-*");
        }
        return new ArnPattern(text);
    }

    public boolean matches(String arn) {
        return matches(text, 0, arn, 0);
    }

    /** Iterative glob matching with single-star backtracking: linear in practice, no regex. */
    private static boolean matches(String p, int pi, String s, int si) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArnPattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
