package io.relyscan.core.framework;

/**
 * The state of one control in a framework view, decided from the findings of the rules mapped to it, in this
 * order of precedence:
 * <ol>
 *   <li>{@code MANUAL}: no built-in rule maps to the control; it must be assessed by other means;</li>
 *   <li>{@code FAIL}: at least one finding of a mapped rule is FAIL;</li>
 *   <li>{@code ERROR}: none fails, but at least one could not be evaluated (ERROR), so the control cannot be
 *   called passing;</li>
 *   <li>{@code PASS}: none fails or errs and at least one passes;</li>
 *   <li>{@code NOT_APPLICABLE}: the mapped rules produced only NOT_APPLICABLE or SUPPRESSED findings, or none
 *   at all (nothing in scope to evaluate).</li>
 * </ol>
 * Waived (SUPPRESSED) findings are counted but never decide the status.
 */
public enum ControlStatus {
    PASS, FAIL, ERROR, NOT_APPLICABLE, MANUAL
}
