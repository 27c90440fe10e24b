package io.relyscan.bench.collection;

import io.relyscan.core.testing.BackupRestRoutes;

import java.util.Map;

/**
 * The AWS Backup reads moto does not implement (HTTP 404 or 500 there), answered by {@link LatencyProxy} the way
 * AWS answers an account with nothing of the kind: empty lists, every resource type opted in, no vault access
 * policy. Plans, their details and vaults are moto's own. Operations are named from their REST route.
 */
final class BackupStub {
    /** A canned answer; {@code errorType} is set for an error. */
    record Answer(int status, String body, String errorType) {
    }

    private static final Map<String, Answer> ANSWERS = Map.of(
            "ListBackupSelections", ok("{\"BackupSelectionsList\":[]}"),
            "ListRecoveryPointsByBackupVault", ok("{\"RecoveryPoints\":[]}"),
            "ListProtectedResources", ok("{\"Results\":[]}"),
            "ListBackupJobs", ok("{\"BackupJobs\":[]}"),
            "ListCopyJobs", ok("{\"CopyJobs\":[]}"),
            "ListRestoreJobs", ok("{\"RestoreJobs\":[]}"),
            "ListRestoreTestingPlans", ok("{\"RestoreTestingPlans\":[]}"),
            "ListRestoreTestingSelections", ok("{\"RestoreTestingSelections\":[]}"),
            "DescribeRegionSettings", ok("{\"ResourceTypeOptInPreference\":{\"Aurora\":true,\"DynamoDB\":true,"
                    + "\"EBS\":true,\"EC2\":true,\"EFS\":true,\"RDS\":true},"
                    + "\"ResourceTypeManagementPreference\":{\"DynamoDB\":true,\"EFS\":true}}"),
            "GetBackupVaultAccessPolicy", new Answer(404, "{\"__type\":\"ResourceNotFoundException\","
                    + "\"Message\":\"Backup vault has no access policy\"}", "ResourceNotFoundException"));

    private BackupStub() {
    }

    private static Answer ok(String body) {
        return new Answer(200, body, null);
    }

    /** The canned answer for this Backup operation, or null when moto answers it. */
    static Answer answer(String operation) {
        return ANSWERS.get(operation);
    }

    /** AWS Backup's REST routes, by method and path; anything else is "METHOD path". */
    static String operation(String method, String path) {
        return BackupRestRoutes.operation(method, path);
    }
}
