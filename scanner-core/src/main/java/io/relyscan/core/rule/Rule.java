package io.relyscan.core.rule;

import java.util.List;

/**
 * A reliability rule: a pure function of the inventory. Implementations are final, stateless, and never use
 * the clock, I/O or randomness; time comes from {@link RuleContext#now()}.
 */
public interface Rule {
    RuleMetadata metadata();

    /** One finding per resource (or scope) the rule concerns. May throw; the engine turns that into ERROR. */
    List<Finding> evaluate(RuleContext context);
}
