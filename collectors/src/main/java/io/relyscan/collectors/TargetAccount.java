package io.relyscan.collectors;

import io.relyscan.core.scan.CollectionException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One target account of a multi-account scan and the clients its collections use.
 *
 * <p>Most targets are reached through sts:AssumeRole of the role in the account: their own clients (on the
 * session's shared HTTP connection pool) are signed with the role's credentials, which the SDK provider refreshes
 * before they expire, so a scan longer than the role's session duration keeps working. The first collection in
 * the account assumes the role once; if that fails, every collection in the account fails with the same reason
 * and a message naming the role, and nothing else is sent to the account. The caller's own account, when it is a
 * target, is scanned with the caller's credentials and the session's clients: no role is assumed there.
 *
 * <p>A target can also be failed from outside (its regions could not be listed): its collections then fail with
 * that reason without calling AWS. Once its collections have ended, {@link #release()} lets its clients go.
 */
final class TargetAccount {
    static final String OPERATION = "AssumeRole";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String account;
    private final String roleArn;
    private final String stsRegion;
    private final ResilientCaller caller;
    private final StsAssumeRoleCredentialsProvider credentials;
    private final AwsClientFactory clients;
    private final boolean ownsClients;
    private boolean ready;
    private CollectionException failure;

    private TargetAccount(String account, String roleArn, String stsRegion, ResilientCaller caller,
                          StsAssumeRoleCredentialsProvider credentials, AwsClientFactory clients, boolean ownsClients) {
        this.account = account;
        this.roleArn = roleArn;
        this.stsRegion = stsRegion;
        this.caller = caller;
        this.credentials = credentials;
        this.clients = clients;
        this.ownsClients = ownsClients;
        this.ready = credentials == null;
    }

    /**
     * An account reached through {@code role}.
     *
     * @param sts     the caller's STS client (base credentials, endpoint override), used for AssumeRole
     * @param http    the session's HTTP client, shared by every target
     */
    static TargetAccount assumed(String account, CrossAccountRole role, String stsRegion, StsClient sts,
                                 AwsConnectionSettings settings, ResilientCaller caller,
                                 software.amazon.awssdk.http.SdkHttpClient http) {
        String roleArn = role.arn(account, stsRegion);
        String session = sessionName();
        StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(b -> {
                    b.roleArn(roleArn).roleSessionName(session);
                    if (role.externalId() != null) {
                        b.externalId(role.externalId());
                    }
                })
                .build();
        return new TargetAccount(account, roleArn, stsRegion, caller, credentials,
                new AwsClientFactory(settings, credentials, http), true);
    }

    /** The caller's own account, scanned with the session's clients and credentials. */
    static TargetAccount caller(String account, AwsClientFactory sessionClients) {
        return new TargetAccount(account, null, null, null, null, sessionClients, false);
    }

    /** {@code relyscan-yyyyMMddHHmmss} (UTC): recognizable in CloudTrail, within STS's 64-character limit. */
    static String sessionName() {
        return "relyscan-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
    }

    String account() {
        return account;
    }

    /** The role assumed in the account; null for the caller's own account. */
    String roleArn() {
        return roleArn;
    }

    AwsClientFactory clients() {
        return clients;
    }

    /**
     * Assumes the role the first time; later calls repeat the first outcome.
     *
     * @throws CollectionException with the AssumeRole failure's reason and a message naming the role ARN, or the
     *                             failure {@link #fail} recorded
     */
    synchronized void requireReady() {
        if (failure != null) {
            throw failure;
        }
        if (ready) {
            return;
        }
        try {
            caller.call(new EndpointKey(account, stsRegion, EndpointKey.STS), OPERATION,
                    credentials::resolveCredentials);
            ready = true;
        } catch (CollectionException e) {
            failure = new CollectionException(OPERATION, e.reason(), "cannot assume role " + roleArn
                    + " in account " + account + ": " + e.reason().description() + ": " + e.getMessage(), e);
            throw failure;
        }
    }

    /** From now on every collection in the account fails with {@code why}, without calling AWS. */
    synchronized void fail(CollectionException why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Closes the account's own clients and credentials cache; the caller's account shares the session's. */
    void release() {
        if (ownsClients) {
            clients.close();
        }
    }
}
