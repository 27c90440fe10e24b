package io.relyscan.core.waiver;

import io.relyscan.core.rule.Finding;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted exception: failing findings of a rule, on the resources it names, are shown as SUPPRESSED with
 * its reason and owner instead of FAIL, until it expires.
 *
 * @param id              the user's label for it (e.g. a ticket key), or null; reports show it when present
 * @param ruleId          the rule it waives (a rule id, never a catalog id: the parser resolves those)
 * @param resourcePattern the ARNs it covers, as an {@link ArnPattern}, or null for any resource
 * @param account         the one account it covers, or null for any
 * @param region          the one region it covers, or null for any
 * @param reason          why the risk is accepted (required)
 * @param owner           who accepted it and answers for it (required)
 * @param expires         the last day (UTC) it applies, or null for no end
 * @param source          where it was declared, as {@code file:line}, for messages and reports
 */
public record Waiver(String id, String ruleId, ArnPattern resourcePattern, String account, String region,
                     String reason, String owner, LocalDate expires, String source) {
    public Waiver {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(source, "source");
    }

    /** Whether this waiver names the finding's rule and resource (whatever its outcome or the date). */
    public boolean covers(Finding finding) {
        return ruleId.equals(finding.ruleId())
                && (account == null || account.equals(finding.account()))
                && (region == null || region.equals(finding.region()))
                && (resourcePattern == null || resourcePattern.matches(finding.resourceArn()));
    }

    /** True from the first instant after its expiry day (UTC); a waiver without an expiry never expires. */
    public boolean expiredAt(Instant when) {
        return expires != null && !when.isBefore(expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public Optional<String> label() {
        return Optional.ofNullable(id);
    }

    /** How reports name it: its id when it has one, else where it was declared. */
    public String displayName() {
        return id != null ? id : source;
    }
}
