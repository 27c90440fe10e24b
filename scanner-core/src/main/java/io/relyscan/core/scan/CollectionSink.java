package io.relyscan.core.scan;

import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Resource;

/** Where a collector puts resources and records what it could not collect. */
public interface CollectionSink {
    void add(Resource resource);

    /** Records a failed operation; the service's coverage becomes PARTIAL. */
    void gap(String operation, GapReason reason, String message);
}
