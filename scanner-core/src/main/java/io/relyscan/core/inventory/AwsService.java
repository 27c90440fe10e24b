package io.relyscan.core.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The AWS services relyscan collects from. The id is the stable name used in reports and snapshots. */
public enum AwsService {
    EC2("ec2"),
    RDS("rds"),
    AUTOSCALING("autoscaling"),
    ELB("elb"),
    ELBV2("elbv2"),
    CLOUDWATCH("cloudwatch"),
    BACKUP("backup"),
    CONFIG("config"),
    SNS("sns");

    private final String id;

    AwsService(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<AwsService> fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }
}
