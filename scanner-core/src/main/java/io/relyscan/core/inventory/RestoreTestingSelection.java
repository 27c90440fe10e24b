package io.relyscan.core.inventory;

/**
 * A resource selection of a restore testing plan.
 *
 * @param protectedResourceType the AWS Backup resource type it restores (RDS, Aurora, EC2, EBS, EFS, DynamoDB, ...)
 */
public record RestoreTestingSelection(String name, String protectedResourceType) {
    public RestoreTestingSelection {
        Lists.require(name, "name");
    }
}
