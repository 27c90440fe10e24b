package io.relyscan.core.inventory;

import java.util.List;
import java.util.Map;

/**
 * A DB parameter group or DB cluster parameter group in use, with only the parameters rules read
 * ({@link #COLLECTED_PARAMETERS}).
 *
 * @param family                  e.g. mysql8.0, aurora-postgresql16
 * @param kind                    {@link #INSTANCE} or {@link #CLUSTER}
 * @param parameters              name to value of the collected parameters that have a value, or null when the
 *                                parameters could not be collected
 * @param engineDefaultParameters the collected parameters left at their engine default (source engine-default or
 *                                system); for an AWS default group ({@code default.*}, which cannot be modified)
 *                                every collected parameter
 */
public record DbParameterGroup(String arn, String account, String region, String name, String family, String kind,
                               Map<String, String> parameters, List<String> engineDefaultParameters,
                               Map<String, String> tags) implements Resource {
    public static final String INSTANCE = "instance";
    public static final String CLUSTER = "cluster";
    /** The parameters relyscan reads (durability settings of MySQL, MariaDB and PostgreSQL engines). */
    public static final List<String> COLLECTED_PARAMETERS = List.of("innodb_flush_log_at_trx_commit", "read_only",
            "sync_binlog", "synchronous_commit");

    public DbParameterGroup {
        Lists.require(arn, "arn");
        Lists.require(name, "name");
        parameters = parameters == null ? null : Tags.copyOf(parameters);
        engineDefaultParameters = Lists.copy(engineDefaultParameters).stream().sorted().toList();
        tags = Tags.copyOf(tags);
    }

    /** AWS default groups cannot be modified: every parameter in them is at its engine default. */
    public static boolean isDefaultGroupName(String name) {
        return name != null && name.startsWith("default.");
    }

    @Override
    public AwsService service() {
        return AwsService.RDS;
    }

    @Override
    public String displayName() {
        return name;
    }
}
