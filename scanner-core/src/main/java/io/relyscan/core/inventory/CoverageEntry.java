package io.relyscan.core.inventory;

import java.util.List;
import java.util.Objects;

/**
 * Coverage of one service in one account and region.
 *
 * @param gaps       the operations that failed, each with its reason and message
 * @param operations every operation the collector called, with its number of calls and failures; empty for
 *                   snapshots written before it was recorded and for services not collected. A failure the
 *                   collector takes as an answer (a launch template version deleted meanwhile) is counted here
 *                   without being a gap.
 */
public record CoverageEntry(String account, String region, AwsService service, CollectionStatus status,
                            List<CoverageGap> gaps, List<OperationCoverage> operations)
        implements Comparable<CoverageEntry> {
    public CoverageEntry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
        gaps = gaps == null ? List.of() : gaps.stream().sorted().toList();
        if (status == CollectionStatus.COMPLETE && !gaps.isEmpty()) {
            throw new IllegalArgumentException("a COMPLETE entry cannot have gaps: " + gaps);
        }
        operations = operations == null ? List.of() : operations.stream().sorted().toList();
        if (operations.stream().map(OperationCoverage::operation).distinct().count() != operations.size()) {
            throw new IllegalArgumentException("an operation is listed twice: " + operations);
        }
    }

    /** An entry without per-operation outcomes. */
    public CoverageEntry(String account, String region, AwsService service, CollectionStatus status,
                         List<CoverageGap> gaps) {
        this(account, region, service, status, gaps, List.of());
    }

    public ScanScope scope() {
        return new ScanScope(account, region);
    }

    /** One line describing why the entry is not complete, for messages. */
    public String describeGaps() {
        if (gaps.isEmpty()) {
            return status == CollectionStatus.NOT_COLLECTED ? "not collected in this scan" : "";
        }
        StringBuilder sb = new StringBuilder();
        for (CoverageGap gap : gaps) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(gap.operation()).append(": ").append(gap.reason().name());
        }
        return sb.toString();
    }

    @Override
    public int compareTo(CoverageEntry o) {
        int c = account.compareTo(o.account);
        if (c != 0) {
            return c;
        }
        c = region.compareTo(o.region);
        return c != 0 ? c : service.compareTo(o.service);
    }
}
