package io.relyscan.rules;

import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.Resource;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * AWS Backup's resource type names, as DescribeRegionSettings, restore testing selections and restore jobs spell
 * them, and how inventory resources and selection ARN patterns map to them.
 */
final class BackupResourceTypes {
    static final String RDS = "RDS";
    static final String AURORA = "Aurora";
    static final String EC2 = "EC2";
    static final String EBS = "EBS";
    static final String EFS = "EFS";
    static final String DYNAMODB = "DynamoDB";

    /** A type's ARNs: service and the start of the resource part. */
    private record ArnShape(String type, String service, String resourcePrefix) {
    }

    private static final List<ArnShape> SHAPES = List.of(
            new ArnShape(AURORA, "rds", "cluster:"),
            new ArnShape(RDS, "rds", "db:"),
            new ArnShape(EC2, "ec2", "instance/"),
            new ArnShape(EBS, "ec2", "volume/"),
            new ArnShape(EFS, "elasticfilesystem", "file-system/"),
            new ArnShape(DYNAMODB, "dynamodb", "table/"),
            new ArnShape("FSx", "fsx", ""),
            new ArnShape("S3", "s3", ""),
            new ArnShape("Storage Gateway", "storagegateway", "gateway/"),
            new ArnShape("Redshift", "redshift", "cluster:"),
            new ArnShape("Redshift Serverless", "redshift-serverless", "namespace/"),
            new ArnShape("Timestream", "timestream", "database/"),
            new ArnShape("CloudFormation", "cloudformation", "stack/"),
            new ArnShape("SAP HANA on Amazon EC2", "ssm-sap", "HANA/"),
            new ArnShape("VirtualMachine", "backup-gateway", "vm/"),
            new ArnShape("DSQL", "dsql", "cluster/"));

    private BackupResourceTypes() {
    }

    /**
     * The AWS Backup type of an inventory resource, or null when AWS Backup does not protect it on its own: Aurora
     * members are backed up through their cluster; DocumentDB and Neptune clusters are their own types; a
     * non-Aurora DB cluster (Multi-AZ DB cluster) is RDS.
     */
    static String of(Resource r) {
        if (r instanceof DbInstance db) {
            return db.isClusterMember() || RdsEngines.isDocDbOrNeptune(db.engine()) ? null : RDS;
        }
        if (r instanceof DbCluster cluster) {
            String engine = cluster.engine() == null ? "" : cluster.engine().toLowerCase(Locale.ROOT);
            return RdsEngines.isAurora(engine) ? AURORA : engine.equals("docdb") ? "DocumentDB"
                    : engine.equals("neptune") ? "Neptune" : RDS;
        }
        if (r instanceof Ec2Instance instance) {
            return "terminated".equals(instance.state()) ? null : EC2;
        }
        return "EbsVolume".equals(r.typeName()) ? EBS : null;
    }

    /**
     * The types a selection names explicitly through its Resources: entries with a literal service whose resource
     * part (or wildcard) fits the type's ARNs, e.g. {@code arn:aws:rds:*:*:db:*} names RDS and
     * {@code arn:aws:ec2:*:*:*} names EC2 and EBS. {@code *} and service wildcards name no type: they select
     * whatever exists, which only the inventory can tell.
     */
    static Set<String> namedBy(BackupSelection selection) {
        Set<String> out = new TreeSet<>();
        String[] own = selection.arn().split(":");
        String partition = own.length > 1 ? own[1] : "aws";
        for (String pattern : selection.resources()) {
            String[] parts = pattern.split(":", 6);
            if (parts.length < 3 || !parts[0].equals("arn") || parts[2].isEmpty() || parts[2].contains("*")) {
                continue;
            }
            Pattern glob = BackupSelectionMatcher.glob(pattern, "\\S*");
            for (ArnShape shape : SHAPES) {
                if (!shape.service().equals(parts[2])) {
                    continue;
                }
                String probe = "arn:" + partition + ":" + shape.service() + ":" + selection.region() + ":"
                        + selection.account() + ":" + shape.resourcePrefix() + "relyscan-probe";
                if (glob.matcher(probe).matches()
                        || (parts.length == 6 && parts[5].startsWith(shape.resourcePrefix()))) {
                    out.add(shape.type());
                }
            }
        }
        return out;
    }
}
