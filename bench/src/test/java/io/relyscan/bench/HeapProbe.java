package io.relyscan.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the heap a phase of work needs, two ways:
 * <ul>
 *   <li><b>peak heap after GC</b>: the largest heap occupancy right after a garbage collection during the phase
 *   (from the JVM's GC notifications), including one full collection forced at the end of the phase while its
 *   results are still reachable ({@code liveAtEnd}: exactly what the phase holds on to). A young collection
 *   leaves the old generation's garbage in place, so this is an upper bound of the live heap; a phase that needs
 *   more than the maximum heap fails with an OutOfMemoryError instead.</li>
 *   <li><b>peak heap used</b>: the sum of the peak usage of every heap pool (eden, survivor, old) since the
 *   start of the phase ({@link MemoryPoolMXBean#resetPeakUsage()}). It counts garbage not yet collected and
 *   adds peaks reached at different times, so it is an upper bound that depends on the collector's sizing.</li>
 * </ul>
 * One probe per JVM: it listens to every collector for its whole life.
 */
final class HeapProbe implements NotificationListener {
    record Usage(long peakLiveBytes, long peakUsedBytes, long liveAtStartBytes, long liveAtEndBytes) {
    }

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private long liveAtStart;

    HeapProbe() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
            }
        }
    }

    /** Collects the garbage of earlier phases, then starts recording. */
    void start() {
        collect();
        settle();
        liveAtStart = used();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxAfterGc.set(liveAtStart);
    }

    /** Stops recording; call while the phase's results are still reachable. */
    Usage stop() {
        long peakUsed = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        collect();
        settle();
        long liveAtEnd = used();
        maxAfterGc.accumulateAndGet(liveAtEnd, Math::max);
        return new Usage(maxAfterGc.get(), Math.max(peakUsed, maxAfterGc.get()), liveAtStart, liveAtEnd);
    }

    private long used() {
        return heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static void collect() {
        System.gc();
        System.gc();
    }

    /** GC notifications arrive on a JVM service thread: give the pending ones time to be delivered. */
    private static void settle() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.stream().anyMatch(p -> p.getName().equals(e.getKey()))) {
                after += e.getValue().getUsed();
            }
        }
        maxAfterGc.accumulateAndGet(after, Math::max);
    }
}
