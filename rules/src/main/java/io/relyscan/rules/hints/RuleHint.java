package io.relyscan.rules.hints;

import java.util.Objects;

/**
 * Where to fix a failure of a rule: in the AWS console, in CloudFormation and in Terraform. Documentation
 * only; the rule's remediation stays the authority.
 */
public record RuleHint(String console, String cloudFormation, String terraform) {
    public RuleHint {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(cloudFormation, "cloudFormation");
        Objects.requireNonNull(terraform, "terraform");
    }
}
