package io.relyscan.rules;

import io.relyscan.core.inventory.ScalingActivity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one group's collected scaling activities tell.
 *
 * @param lastEvent  the newest start or end time of any activity, null when there is none
 * @param timesReadable false when some activity's start (or recorded end) time could not be read
 * @param failed     the Failed activities that ended (or, unfinished, started) at or after the cutoff, newest first
 */
record ScalingActivityHistory(Instant lastEvent, boolean timesReadable, List<ScalingActivity> failed) {
    ScalingActivityHistory {
        failed = List.copyOf(failed);
    }

    static ScalingActivityHistory of(List<ScalingActivity> activities, Instant failureCutoff) {
        Instant last = null;
        boolean readable = true;
        List<ScalingActivity> failed = new ArrayList<>();
        for (ScalingActivity a : activities) {
            Instant start = Timestamps.parseOrNull(a.startTime());
            Instant end = Timestamps.parseOrNull(a.endTime());
            readable &= start != null && (a.endTime() == null || end != null);
            for (Instant t : new Instant[] {start, end}) {
                last = t != null && (last == null || t.isAfter(last)) ? t : last;
            }
            Instant when = end != null ? end : start;
            if (a.isFailed() && when != null && !when.isBefore(failureCutoff)) {
                failed.add(a);
            }
        }
        failed.sort(Comparator.comparing(ScalingActivity::startTime, Comparator.nullsFirst(String::compareTo))
                .reversed());
        return new ScalingActivityHistory(last, readable, failed);
    }

    /** One line per failure: start time, activity id and why it failed. */
    List<String> describeFailures() {
        return failed.stream().map(a -> a.startTime() + " " + a.activityId() + ": " + reason(a)).toList();
    }

    static String reason(ScalingActivity a) {
        return a.statusMessage() != null ? a.statusMessage() : a.description();
    }

}
