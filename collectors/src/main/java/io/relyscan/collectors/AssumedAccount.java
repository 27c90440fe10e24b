package io.relyscan.collectors;

import io.relyscan.core.scan.CollectionException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One target account of a multi-account scan: its own clients, signed with credentials from sts:AssumeRole of
 * the role in that account (the SDK provider refreshes them before they expire). The first collection in the
 * account assumes the role once; if that fails, every collection in the account fails with the same reason and
 * a message naming the role, and nothing else is sent to the account.
 */
final class AssumedAccount implements AutoCloseable {
    static final String OPERATION = "AssumeRole";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String account;
    private final String roleArn;
    private final String stsRegion;
    private final ResilientCaller caller;
    private final StsAssumeRoleCredentialsProvider credentials;
    private final AwsClientFactory clients;
    private boolean assumed;
    private CollectionException failure;

    /**
     * @param sts the caller's STS client (base credentials, endpoint override), used for AssumeRole
     */
    AssumedAccount(String account, CrossAccountRole role, String stsRegion, StsClient sts,
                   AwsConnectionSettings settings, ResilientCaller caller) {
        this.account = account;
        this.roleArn = role.arn(account, stsRegion);
        this.stsRegion = stsRegion;
        this.caller = caller;
        String session = sessionName();
        this.credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(b -> {
                    b.roleArn(roleArn).roleSessionName(session);
                    if (role.externalId() != null) {
                        b.externalId(role.externalId());
                    }
                })
                .build();
        this.clients = new AwsClientFactory(settings, credentials);
    }

    /** {@code relyscan-yyyyMMddHHmmss} (UTC): recognizable in CloudTrail, within STS's 64-character limit. */
    static String sessionName() {
        return "relyscan-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
    }

    String account() {
        return account;
    }

    String roleArn() {
        return roleArn;
    }

    AwsClientFactory clients() {
        return clients;
    }

    /**
     * Assumes the role the first time; later calls repeat the first outcome.
     *
     * @throws CollectionException with the AssumeRole failure's reason and a message naming the role ARN
     */
    synchronized void requireAssumed() {
        if (assumed) {
            return;
        }
        if (failure == null) {
            try {
                caller.call(new EndpointKey(account, stsRegion, EndpointKey.STS), OPERATION,
                        credentials::resolveCredentials);
                assumed = true;
                return;
            } catch (CollectionException e) {
                failure = new CollectionException(OPERATION, e.reason(), "cannot assume role " + roleArn
                        + " in account " + account + ": " + e.reason().description() + ": " + e.getMessage(), e);
            }
        }
        throw failure;
    }

    @Override
    public void close() {
        clients.close();
    }
}
