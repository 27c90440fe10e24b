package io.relyscan.collectors;

import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lists the accounts of the caller's organization with organizations:ListAccounts, page by page through the
 * resilience layer. Only the management account and a delegated administrator may call it.
 */
final class OrganizationAccounts {
    static final String OPERATION = "ListAccounts";
    static final String SERVICE = "organizations";
    /** The Region of Organizations' single endpoint in each partition. */
    private static final Map<String, String> HOME_REGION = Map.of(
            "aws", "us-east-1", "aws-us-gov", "us-gov-west-1", "aws-cn", "cn-northwest-1");

    private final AwsClientFactory clients;
    private final ResilientCaller caller;

    OrganizationAccounts(AwsClientFactory clients, ResilientCaller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    /** The endpoint region of Organizations in the partition of {@code region}. */
    static String homeRegion(String region) {
        String partition = KnownRegions.partitionOf(region);
        String home = HOME_REGION.get(partition);
        if (home == null) {
            throw new AwsCallException(GapReason.UNKNOWN, "--org: AWS Organizations is not supported by relyscan in "
                    + "partition " + partition + "; pass --accounts or --accounts-file instead", null);
        }
        return home;
    }

    /**
     * Every account of the organization, sorted by id.
     *
     * @param callerAccount the caller's account, for the endpoint's telemetry
     * @param region        a region of the partition
     * @throws AwsCallException naming what to do: not in an organization, not the management account or a
     *                          delegated administrator, or the call failed
     */
    List<OrganizationAccount> list(String callerAccount, String region) {
        String home = homeRegion(region);
        EndpointKey key = new EndpointKey(callerAccount, home, SERVICE);
        List<OrganizationAccount> out = new ArrayList<>();
        try {
            Iterator<ListAccountsResponse> pages = clients.organizations(home).listAccountsPaginator(b -> { })
                    .iterator();
            // hasNext only looks at the previous page's token; next() makes the call (see AwsCollector.pages).
            while (pages.hasNext()) {
                ListAccountsResponse page = caller.call(key, OPERATION, pages::next);
                for (Account a : page.accounts()) {
                    out.add(new OrganizationAccount(a.id(), a.name(), a.statusAsString()));
                }
            }
        } catch (CollectionException e) {
            throw failure(callerAccount, e);
        }
        out.sort(Comparator.comparing(OrganizationAccount::id));
        return List.copyOf(out);
    }

    private static AwsCallException failure(String callerAccount, CollectionException e) {
        ErrorClassifier.Classification c = e.getCause() == null ? null : ErrorClassifier.classify(e.getCause());
        String code = c == null ? "" : c.code();
        String what;
        if ("AWSOrganizationsNotInUseException".equals(code)) {
            what = "account " + callerAccount + " is not in an AWS Organization; pass --accounts or "
                    + "--accounts-file instead";
        } else if (e.reason() == GapReason.ACCESS_DENIED) {
            what = "organizations:ListAccounts was denied to account " + callerAccount + "; run --org with "
                    + "credentials of the organization's management account or of a delegated administrator "
                    + "that may call it, or pass --accounts/--accounts-file";
        } else {
            what = "cannot list the organization's accounts: " + e.reason().description();
        }
        return new AwsCallException(e.reason(), "--org: " + what + " (" + e.getMessage() + ")", e);
    }
}
