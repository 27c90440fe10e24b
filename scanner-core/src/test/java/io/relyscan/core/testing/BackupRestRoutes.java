package io.relyscan.core.testing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Names the AWS Backup operation of a REST request (Backup speaks REST-JSON: the operation is in the method and
 * path, not in a header), for the test proxies that stand in for the Backup reads moto lacks or that count calls
 * per operation.
 */
public final class BackupRestRoutes {
    private record Route(Pattern path, String operation) {
    }

    /** The GET routes of the Backup reads relyscan sends. */
    private static final List<Route> GET_ROUTES = List.of(
            route("/backup/plans", "ListBackupPlans"),
            route("/backup/plans/[^/]+", "GetBackupPlan"),
            route("/backup/plans/[^/]+/selections", "ListBackupSelections"),
            route("/backup/plans/[^/]+/selections/[^/]+", "GetBackupSelection"),
            route("/backup-vaults", "ListBackupVaults"),
            route("/backup-vaults/[^/]+", "DescribeBackupVault"),
            route("/backup-vaults/[^/]+/access-policy", "GetBackupVaultAccessPolicy"),
            route("/backup-vaults/[^/]+/recovery-points", "ListRecoveryPointsByBackupVault"),
            route("/resources", "ListProtectedResources"),
            route("/backup-jobs", "ListBackupJobs"),
            route("/copy-jobs", "ListCopyJobs"),
            route("/restore-jobs", "ListRestoreJobs"),
            route("/account-settings", "DescribeRegionSettings"),
            route("/restore-testing/plans", "ListRestoreTestingPlans"),
            route("/restore-testing/plans/[^/]+/selections", "ListRestoreTestingSelections"));

    private BackupRestRoutes() {
    }

    private static Route route(String pathPattern, String operation) {
        return new Route(Pattern.compile(pathPattern), operation);
    }

    /** The operation of a Backup request by its method and path; anything else is "METHOD path". */
    public static String operation(String method, String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (method.equals("GET")) {
            for (Route r : GET_ROUTES) {
                if (r.path().matcher(p).matches()) {
                    return r.operation();
                }
            }
        }
        return method + " " + path;
    }
}
