package io.relyscan.collectors;

import io.relyscan.core.inventory.AvailabilityZone;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingsTest {
    private static AvailabilityZone zone(String name) {
        return new AvailabilityZone("123456789012", "us-east-1", name, name + "-id", "availability-zone",
                "available");
    }

    private static CollectionException failure(String operation) {
        return new CollectionException(operation, GapReason.ACCESS_DENIED, operation + " denied", null);
    }

    @Test
    void queuedListingsRunConcurrentlyAndReportInQueueOrder() {
        RecordingSink sink = new RecordingSink();
        Listings listings = new Listings(sink, new FanOut(4));
        CountDownLatch secondDone = new CountDownLatch(1);
        listings.add(out -> {
            await(secondDone); // finishes after the second: its resources still come first
            out.add(zone("a1"));
            out.add(zone("a2"));
        });
        listings.add(out -> {
            out.add(zone("b1"));
            out.gap("DescribeThings", GapReason.THROTTLED, "partial");
            secondDone.countDown();
        });
        listings.runQueued();
        listings.settle();

        assertThat(sink.resources).extracting(r -> ((AvailabilityZone) r).zoneName()).containsExactly("a1", "a2", "b1");
        assertThat(sink.gaps).extracting(g -> g.operation()).containsExactly("DescribeThings");
    }

    @Test
    void aFailedListingKeepsWhatItReportedAndIsAGapWhenAnotherSucceeded() {
        RecordingSink sink = new RecordingSink();
        Listings listings = new Listings(sink, new FanOut(4));
        listings.add(out -> {
            out.add(zone("a1"));
            throw failure("DescribeA");
        });
        listings.add(out -> out.add(zone("b1")));
        listings.runQueued();
        listings.settle();

        assertThat(sink.resources).hasSize(2);
        assertThat(sink.gaps).extracting(g -> g.operation() + ":" + g.reason())
                .containsExactly("DescribeA:ACCESS_DENIED");
    }

    @Test
    void whenEveryListingFailedTheFirstInQueueOrderIsThrown() {
        RecordingSink sink = new RecordingSink();
        Listings listings = new Listings(sink, new FanOut(4));
        listings.add(out -> {
            throw failure("DescribeA");
        });
        listings.add(out -> {
            throw failure("DescribeB");
        });
        listings.runQueued();

        assertThatThrownBy(listings::settle).isInstanceOf(CollectionException.class).hasMessageContaining("DescribeA");
        assertThat(sink.gaps).extracting(g -> g.operation()).containsExactly("DescribeB");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
