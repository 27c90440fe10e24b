package io.relyscan.core.rule;

/** Type of a rule parameter. */
public enum ParameterType {
    INTEGER, BOOLEAN, STRING
}
