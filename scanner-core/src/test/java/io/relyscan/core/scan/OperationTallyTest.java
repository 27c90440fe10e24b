package io.relyscan.core.scan;

import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.OperationCoverage;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OperationTallyTest {
    @Test
    void workHandedToAnotherThreadIsTalliedToTheTaskThatHandedItOver() throws Exception {
        OperationTally task = new OperationTally();
        task.bind();
        Runnable work;
        try {
            work = OperationTally.propagating(() -> OperationTally.record("DescribeTargetHealth",
                    GapReason.THROTTLED));
        } finally {
            task.unbind();
        }
        Thread helper = new Thread(work);
        helper.start();
        helper.join();

        assertThat(task.operations()).containsExactly(new OperationCoverage("DescribeTargetHealth", 1,
                Map.of("THROTTLED", 1L)));
    }

    @Test
    void theRunningThreadsOwnBindingIsRestoredAfterwards() throws Exception {
        OperationTally task = new OperationTally();
        OperationTally other = new OperationTally();
        task.bind();
        Runnable work;
        try {
            work = OperationTally.propagating(() -> OperationTally.record("A", null));
        } finally {
            task.unbind();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            other.bind();
            try {
                work.run();
                OperationTally.record("B", null);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                other.unbind();
            }
        });
        t.start();
        t.join();

        assertThat(failure.get()).isNull();
        assertThat(task.operations()).extracting(OperationCoverage::operation).containsExactly("A");
        assertThat(other.operations()).extracting(OperationCoverage::operation).containsExactly("B");
    }

    @Test
    void workHandedOverOutsideATaskIsNotTallied() {
        OperationTally.propagating(() -> OperationTally.record("GetCallerIdentity", null)).run();
        OperationTally task = new OperationTally();
        assertThat(task.operations()).isEmpty();
    }
}
