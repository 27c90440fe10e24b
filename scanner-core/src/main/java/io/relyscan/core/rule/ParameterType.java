package io.relyscan.core.rule;

/**
 * Type of a rule parameter. A STRING_LIST value is held as its items joined by commas (items cannot contain
 * commas or be blank; the empty string is the empty list); relyscan.yaml writes it as a YAML sequence.
 */
public enum ParameterType {
    INTEGER, BOOLEAN, STRING, STRING_LIST
}
