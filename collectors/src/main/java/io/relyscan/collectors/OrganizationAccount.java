package io.relyscan.collectors;

import java.util.Objects;

/**
 * A member account of the caller's AWS Organization, as organizations:ListAccounts returns it.
 *
 * @param id     the 12-digit account id
 * @param name   the account's name in the organization (untrusted text: escape it before display)
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code PENDING_CLOSURE}
 */
public record OrganizationAccount(String id, String name, String status) {
    public static final String ACTIVE = "ACTIVE";

    public OrganizationAccount {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        status = status == null ? "" : status;
    }

    /** Only active accounts are scanned: suspended and closing ones answer nothing useful. */
    public boolean active() {
        return ACTIVE.equals(status);
    }
}
