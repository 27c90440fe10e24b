package io.relyscan.cli;

import io.relyscan.collectors.AccountTargets;
import io.relyscan.collectors.KnownRegions;
import io.relyscan.collectors.RegionStatus;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.ScanScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Which regions of which accounts a scan covers: the regions an account has enabled (from ec2:DescribeRegions),
 * narrowed by {@code --region} and {@code --exclude-region}.
 */
final class RegionSelection {
    private static final Logger LOG = LoggerFactory.getLogger(RegionSelection.class);

    private final List<String> excluded;

    /** @param excluded the {@code --exclude-region} regions */
    RegionSelection(List<String> excluded) {
        this.excluded = List.copyOf(excluded);
    }

    /**
     * The enabled regions among {@code regions}, in the partition of {@code seedRegion} (an account's list
     * includes no other partition's regions in AWS, but an emulator may answer anything).
     */
    static List<String> enabled(List<RegionStatus> regions, String seedRegion) {
        List<String> enabled = new ArrayList<>();
        for (RegionStatus status : regions) {
            if (!KnownRegions.samePartition(seedRegion, status.name())) {
                LOG.debug("skipping region {}: not in the partition of {}", status.name(), seedRegion);
            } else if (status.enabled()) {
                enabled.add(status.name());
            } else {
                LOG.debug("skipping region {}: {}", status.name(), status.optInStatus());
            }
        }
        return enabled;
    }

    /**
     * The candidates minus {@code --exclude-region}.
     *
     * @throws InputException when none is left
     */
    List<String> withoutExcluded(List<String> candidates) {
        List<String> kept = candidates.stream().filter(r -> !excluded.contains(r)).toList();
        if (kept.isEmpty()) {
            throw new InputException("no region left to scan: --exclude-region removes every region of "
                    + String.join(", ", candidates));
        }
        candidates.stream().filter(excluded::contains)
                .forEach(r -> LOG.info("skipping region {}: --exclude-region", r));
        return kept;
    }

    /**
     * The scopes of each target account, in the order given: its enabled regions in the seed region's partition
     * (with {@code --all-regions}, {@code givenRegions} empty) or the given regions it has enabled, minus
     * {@code --exclude-region}. An account whose role could not be assumed or whose regions could not be listed
     * keeps one scope per given region (the seed region with --all-regions); each of them then fails with the
     * account's reason, so that the account is reported as ERROR rather than silently left out. An account with
     * none of the regions enabled has no scope, and a log line says so.
     */
    List<ScanScope> scopes(List<AccountTargets.AccountRegions> discovered, List<String> givenRegions,
                           String seedRegion) {
        List<ScanScope> scopes = new ArrayList<>();
        int failed = 0;
        for (AccountTargets.AccountRegions a : discovered) {
            List<String> accountRegions;
            if (a.failed()) {
                failed++;
                LOG.warn("account {}: {}", a.account(), a.failure());
                accountRegions = givenRegions.isEmpty() ? List.of(seedRegion) : givenRegions;
            } else {
                List<String> enabled = enabled(a.regions(), seedRegion);
                if (givenRegions.isEmpty()) {
                    accountRegions = enabled.stream().filter(r -> !excluded.contains(r)).toList();
                } else {
                    accountRegions = givenRegions.stream().filter(enabled::contains).toList();
                    givenRegions.stream().filter(r -> !enabled.contains(r)).forEach(r -> LOG.info(
                            "account {}: skipping region {}: not enabled for the account", a.account(), r));
                }
                if (accountRegions.isEmpty()) {
                    LOG.warn("account {}: none of the regions to scan is enabled for the account", a.account());
                }
            }
            accountRegions.forEach(r -> scopes.add(new ScanScope(a.account(), r)));
        }
        if (failed > 0) {
            LOG.warn("{} of {} account(s) cannot be scanned; their scopes are reported as ERROR", failed,
                    discovered.size());
        }
        return scopes;
    }
}
