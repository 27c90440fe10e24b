package io.relyscan.collectors;

import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.Collector;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the CLI needs from AWS: identity, regions, collectors and call telemetry, over one set of cached
 * clients, one HTTP connection pool and one resilience layer. Thread-safe; close it when the scan is done.
 */
public final class AwsSession implements AutoCloseable {
    /** The most requests in flight a session allows: one per connection of the HTTP pool. */
    public static final int MAX_IN_FLIGHT = AwsClientFactory.MAX_CONNECTIONS;
    private final AwsConnectionSettings settings;
    private final AwsClientFactory clients;
    private final ResilientCaller caller;
    private final List<TargetAccount> targetAccounts = new CopyOnWriteArrayList<>();

    private AwsSession(AwsConnectionSettings settings, AwsCredentialsProvider credentials,
                       ResilienceSettings resilience) {
        this.settings = settings;
        this.clients = new AwsClientFactory(settings, credentials);
        this.caller = new ResilientCaller(settings.retry(), settings.callTimeout(), resilience);
    }

    /**
     * Opens a session without calling AWS.
     *
     * @throws InputException for a profile that is in neither shared file, or a malformed endpoint URL
     */
    public static AwsSession open(AwsConnectionSettings settings) {
        return open(settings, ResilienceSettings.defaults().maxInFlightOverall());
    }

    /**
     * Opens a session without calling AWS, with at most {@code maxInFlight} requests in flight at once across all
     * endpoints (the per-endpoint cap stays at its default, or {@code maxInFlight} when that is lower).
     *
     * @throws InputException for a profile that is in neither shared file, a malformed endpoint URL, or a limit
     *                        outside 1..{@value #MAX_IN_FLIGHT}
     */
    public static AwsSession open(AwsConnectionSettings settings, int maxInFlight) {
        validate(settings);
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new InputException("--max-in-flight: must be between 1 and " + MAX_IN_FLIGHT + " (the HTTP "
                    + "connection pool), got " + maxInFlight);
        }
        ResilienceSettings defaults = ResilienceSettings.defaults();
        return new AwsSession(settings, credentialsFor(settings.profile()), defaults.withMaxInFlight(
                Math.min(defaults.maxInFlightPerEndpoint(), maxInFlight), maxInFlight));
    }

    /** For tests: explicit credentials and resilience numbers. */
    static AwsSession open(AwsConnectionSettings settings, AwsCredentialsProvider credentials,
                           ResilienceSettings resilience) {
        validate(settings);
        return new AwsSession(settings, credentials, resilience);
    }

    private static void validate(AwsConnectionSettings settings) {
        if (settings.endpointOverride() != null) {
            AwsConnectionSettings.validateEndpoint(settings.endpointOverride());
        }
    }

    private static AwsCredentialsProvider credentialsFor(String profile) {
        if (profile == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        ProfileFile profiles;
        try {
            profiles = ProfileFile.defaultProfileFile();
        } catch (RuntimeException e) {
            throw new InputException("cannot read the AWS config files " + ProfileFileLocation.configurationFilePath()
                    + " and " + ProfileFileLocation.credentialsFilePath() + ": "
                    + MessageScrubber.scrub(e.getMessage()));
        }
        if (profiles.profile(profile).isEmpty()) {
            throw new InputException("AWS profile '" + profile + "' not found in "
                    + ProfileFileLocation.configurationFilePath() + " or " + ProfileFileLocation.credentialsFilePath()
                    + "; check --profile or run 'aws configure list-profiles'");
        }
        return ProfileCredentialsProvider.builder().profileFile(profiles).profileName(profile).build();
    }

    /** The region from AWS_REGION, then AWS_DEFAULT_REGION, then the profile's {@code region} setting. */
    public Optional<String> defaultRegion() {
        Optional<String> region = SdkSystemSetting.AWS_REGION.getStringValue().filter(s -> !s.isBlank());
        if (region.isPresent()) {
            return region;
        }
        String legacy = System.getenv("AWS_DEFAULT_REGION");
        if (legacy != null && !legacy.isBlank()) {
            return Optional.of(legacy.strip());
        }
        String profile = settings.profile() != null ? settings.profile()
                : ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
        try {
            return ProfileFile.defaultProfileFile().profile(profile).flatMap(p -> p.property(ProfileProperty.REGION))
                    .filter(s -> !s.isBlank());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The account of the credentials, from sts:GetCallerIdentity in the region.
     *
     * @throws AwsCallException with a one-line cause, e.g. "credentials invalid or expired: ..."
     */
    public String accountId(String region) {
        try {
            return caller.call(EndpointKey.sts(region), "GetCallerIdentity",
                    () -> clients.sts(region).getCallerIdentity(b -> { })).account();
        } catch (CollectionException e) {
            throw failure("cannot identify the AWS account in " + region, e);
        }
    }

    /** Every region AWS knows for the account, with its opt-in status, sorted by name. */
    public List<RegionStatus> regions(String account, String region) {
        try {
            return caller.call(EndpointKey.of(account, region, AwsService.EC2), "DescribeRegions",
                            () -> clients.ec2(region).describeRegions(b -> b.allRegions(true)))
                    .regions().stream()
                    .map(r -> new RegionStatus(r.regionName(), r.optInStatus()))
                    .sorted(Comparator.comparing(RegionStatus::name))
                    .toList();
        } catch (CollectionException e) {
            throw failure("cannot list the regions of account " + account + " (ec2:DescribeRegions in " + region
                    + ")", e);
        }
    }

    /** One collector per requested service, sorted by service. */
    public List<Collector> collectors(Set<AwsService> services) {
        List<Collector> out = new ArrayList<>();
        for (AwsService s : services.isEmpty() ? EnumSet.noneOf(AwsService.class) : EnumSet.copyOf(services)) {
            out.add(collector(s));
        }
        return List.copyOf(out);
    }

    /**
     * The target accounts of a multi-account scan: each account's calls are signed with credentials from
     * sts:AssumeRole of {@code role} in that account, requested with this session's credentials from STS in
     * {@code stsRegion} (and the endpoint override, if any), over this session's HTTP connection pool. The
     * caller's own account, if it is a target, is scanned with the session's own credentials. An account whose
     * role cannot be assumed fails all its collections with the reason and the role ARN; the others go on.
     *
     * @param callerAccount the account of this session's credentials ({@link #accountId})
     */
    public AccountTargets targets(List<String> accounts, CrossAccountRole role, String stsRegion,
                                  String callerAccount) {
        List<TargetAccount> targets = new ArrayList<>();
        for (String account : accounts) {
            TargetAccount t = account.equals(callerAccount) ? TargetAccount.caller(account, clients)
                    : TargetAccount.assumed(account, role, stsRegion, clients.sts(stsRegion), settings, caller,
                    clients.http());
            targetAccounts.add(t);
            targets.add(t);
        }
        return new AccountTargets(targets, caller, this::collector);
    }

    /**
     * The accounts of the caller's AWS Organization (organizations:ListAccounts, from the management account or
     * a delegated administrator), sorted by id, whatever their status.
     *
     * @param region a region of the partition to list in
     * @throws AwsCallException saying what to do when the account is not in an organization or may not list it
     */
    public List<OrganizationAccount> organizationAccounts(String callerAccount, String region) {
        return new OrganizationAccounts(clients, caller).list(callerAccount, region);
    }

    Collector collector(AwsService service) {
        return collector(service, clients);
    }

    Collector collector(AwsService service, AwsClientFactory clients) {
        return switch (service) {
            case EC2 -> new Ec2Collector(clients, caller);
            case RDS -> new RdsCollector(clients, caller);
            case AUTOSCALING -> new AutoScalingCollector(clients, caller);
            case ELB -> new ElbCollector(clients, caller);
            case ELBV2 -> new Elbv2Collector(clients, caller);
            case CLOUDWATCH -> new CloudWatchCollector(clients, caller);
            case BACKUP -> new BackupCollector(clients, caller);
            case CONFIG -> new ConfigCollector(clients, caller);
            case SNS -> new SnsCollector(clients, caller);
        };
    }

    /**
     * One line naming why AWS rejected the credentials during the scan, e.g. "AWS credentials expired during the
     * scan (ExpiredToken: ...)", with how many calls were then not attempted; empty when it never did. After the
     * first rejection no call is sent with them (to any region when they expired, else to that region).
     */
    public Optional<String> credentialsProblem() {
        return caller.credentialsProblem();
    }

    /** Per-endpoint call statistics so far, sorted. */
    public List<EndpointTelemetry> telemetry() {
        return caller.telemetry();
    }

    /**
     * Every AWS operation this session's clients have sent so far, with its attempts, as recorded by an SDK
     * interceptor on each client; appended to the file named by {@value OperationLog#PROPERTY} on close.
     */
    public List<SentOperation> sentOperations() {
        List<SentOperation> all = new ArrayList<>(clients.sentOperations());
        targetAccounts.stream().filter(t -> t.clients() != clients)
                .forEach(t -> all.addAll(t.clients().sentOperations()));
        return List.copyOf(all);
    }

    public AwsConnectionSettings settings() {
        return settings;
    }

    ResilientCaller caller() {
        return caller;
    }

    AwsClientFactory clients() {
        return clients;
    }

    @Override
    public void close() {
        OperationLog.appendIfRequested(sentOperations());
        targetAccounts.forEach(TargetAccount::release);
        clients.close();
    }

    private static AwsCallException failure(String context, CollectionException e) {
        ErrorClassifier.Classification c = e.getCause() == null ? null : ErrorClassifier.classify(e.getCause());
        String what = switch (e.reason()) {
            case INVALID_CREDENTIALS -> c != null && "NoCredentials".equals(c.code())
                    ? "no AWS credentials found (set a profile, environment variables or an instance role)"
                    : "credentials invalid or expired";
            case ACCESS_DENIED -> "access denied";
            case REGION_NOT_ENABLED -> "region not enabled for the account";
            default -> e.reason().description();
        };
        GapReason reason = e.reason();
        return new AwsCallException(reason, what + ": " + context + ": " + e.getMessage(), e);
    }
}
