package io.relyscan.core.inventory;

import java.util.Locale;

/**
 * A scheduled event of an EC2 instance (DescribeInstanceStatus).
 *
 * @param code      instance-reboot, system-reboot, system-maintenance, instance-retirement or instance-stop
 * @param notBefore the earliest start, ISO-8601 instant, or null
 * @param state     scheduled, completed or canceled; AWS has no state field and marks finished events by a
 *                  "[Completed]" or "[Canceled]" prefix of the description, which {@link #stateOf} reads
 */
public record ScheduledEvent(String code, String notBefore, String description, String state) {
    public static final String SCHEDULED = "scheduled";
    public static final String COMPLETED = "completed";
    public static final String CANCELED = "canceled";

    public ScheduledEvent {
        Lists.require(code, "code");
    }

    /** The state AWS conveys through the description's prefix. */
    public static String stateOf(String description) {
        String d = description == null ? "" : description.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("[completed]")) {
            return COMPLETED;
        }
        if (d.startsWith("[canceled]") || d.startsWith("[cancelled]")) {
            return CANCELED;
        }
        return SCHEDULED;
    }

    /** Not yet completed or canceled. */
    public boolean isPending() {
        return !COMPLETED.equals(state) && !CANCELED.equals(state);
    }
}
