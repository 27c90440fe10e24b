package io.relyscan.core.inventory;

/**
 * A tag condition of a backup selection.
 *
 * @param operator STRINGEQUALS, STRINGNOTEQUALS, STRINGLIKE or STRINGNOTLIKE
 */
public record TagCondition(String operator, String key, String value) {
    public TagCondition {
        Lists.require(operator, "operator");
        Lists.require(key, "key");
        value = value == null ? "" : value;
    }
}
