package io.relyscan.core.scan;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;

import java.util.List;

/**
 * Collects one service's resources in one account and region. Implementations live in the collectors module;
 * the core knows no SDK.
 */
public interface Collector {
    AwsService service();

    /** The IAM actions this collector calls, e.g. {@code rds:DescribeDBInstances}. All are read-only. */
    List<String> iamActions();

    /**
     * Adds what it finds to the sink. A failed call that leaves the listing usable is recorded with
     * {@link CollectionSink#gap}; a failure that makes the whole listing untrustworthy is thrown as a
     * {@link CollectionException}.
     */
    void collect(ScanScope scope, CollectionSink sink);
}
