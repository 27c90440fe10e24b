package io.relyscan.rules;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Extracts the alarms a composite alarm's AlarmRule refers to, by name or ARN, double-quoted (backslash escapes
 * allowed) or bare: the argument of ALARM(...), OK(...) and INSUFFICIENT_DATA(...), and the operand list of
 * AT_LEAST(M, STATE, (a, b, ...)) (CloudWatch user guide, "Composite alarms"). Operators, parentheses, TRUE and
 * FALSE are skipped. A hand-written scanner rather than a regex, so that quoted names holding parentheses,
 * commas, quotes or keywords are read whole, and malformed input never throws.
 */
final class AlarmRuleReferences {
    private static final Set<String> STATE_FUNCTIONS = Set.of("ALARM", "OK", "INSUFFICIENT_DATA");

    private final String rule;
    private final Set<String> refs = new LinkedHashSet<>();
    private int pos;

    private AlarmRuleReferences(String rule) {
        this.rule = rule;
    }

    static Set<String> parse(String rule) {
        AlarmRuleReferences parser = new AlarmRuleReferences(rule == null ? "" : rule);
        parser.scan();
        return parser.refs;
    }

    private void scan() {
        while (pos < rule.length()) {
            char c = rule.charAt(pos);
            if (c == '"') {
                readQuoted();
            } else if (Character.isLetter(c) || c == '_') {
                String word = readWord().toUpperCase(Locale.ROOT);
                skipSpaces();
                if (!at('(')) {
                    continue;
                }
                pos++;
                if (STATE_FUNCTIONS.contains(word)) {
                    readOperand(')');
                } else if (word.equals("AT_LEAST")) {
                    readOperandList();
                }
            } else {
                pos++;
            }
        }
    }

    /** After "AT_LEAST(": skips the threshold and state condition, then reads the parenthesised operands. */
    private void readOperandList() {
        while (pos < rule.length() && !at('(') && !at(')')) {
            if (at('"')) {
                readQuoted();
            } else {
                pos++;
            }
        }
        if (!at('(')) {
            return;
        }
        pos++;
        readOperand(',');
        while (at(',')) {
            pos++;
            readOperand(',');
        }
    }

    /** Reads one name or ARN ending at {@code end} or ')'; leaves the position on that delimiter. */
    private void readOperand(char end) {
        skipSpaces();
        String value;
        if (at('"')) {
            value = readQuoted();
            skipSpaces();
        } else {
            int start = pos;
            while (pos < rule.length() && !at(end) && !at(')')) {
                pos++;
            }
            value = rule.substring(start, pos).trim();
        }
        if (!value.isBlank()) {
            refs.add(value.trim());
        }
        if (end == ')' && at(')')) {
            pos++;
        }
    }

    private String readQuoted() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < rule.length() && rule.charAt(pos) != '"') {
            if (rule.charAt(pos) == '\\' && pos + 1 < rule.length()) {
                pos++;
            }
            sb.append(rule.charAt(pos++));
        }
        pos = Math.min(pos + 1, rule.length());
        return sb.toString();
    }

    private String readWord() {
        int start = pos;
        while (pos < rule.length() && (Character.isLetterOrDigit(rule.charAt(pos)) || rule.charAt(pos) == '_')) {
            pos++;
        }
        return rule.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < rule.length() && Character.isWhitespace(rule.charAt(pos))) {
            pos++;
        }
    }

    private boolean at(char c) {
        return pos < rule.length() && rule.charAt(pos) == c;
    }
}
