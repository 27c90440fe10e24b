package io.relyscan.collectors;

import java.util.Objects;

/**
 * A region as DescribeRegions reports it for the account.
 *
 * @param optInStatus opt-in-not-required, opted-in or not-opted-in
 */
public record RegionStatus(String name, String optInStatus) {
    public RegionStatus {
        Objects.requireNonNull(name, "name");
    }

    /** Whether the account can use the region. */
    public boolean enabled() {
        return "opt-in-not-required".equals(optInStatus) || "opted-in".equals(optInStatus);
    }
}
