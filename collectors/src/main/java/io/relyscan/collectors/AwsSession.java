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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the CLI needs from AWS: identity, regions, collectors and call telemetry, over one set of cached
 * clients, one HTTP connection pool and one resilience layer. Thread-safe; close it when the scan is done.
 */
public final class AwsSession implements AutoCloseable {
    private final AwsConnectionSettings settings;
    private final AwsClientFactory clients;
    private final ResilientCaller caller;
    private final List<AssumedAccount> assumedAccounts = new CopyOnWriteArrayList<>();

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
        validate(settings);
        return new AwsSession(settings, credentialsFor(settings.profile()), ResilienceSettings.defaults());
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
     * One collector per requested service, sorted by service, for scopes in the {@code accounts}: each account's
     * calls are signed with credentials from sts:AssumeRole of {@code role} in that account, requested with this
     * session's credentials from STS in {@code stsRegion} (and the endpoint override, if any). An account whose
     * role cannot be assumed fails all its collections with the reason and the role ARN; the others go on.
     */
    public List<Collector> collectors(Set<AwsService> services, List<String> accounts, CrossAccountRole role,
                                      String stsRegion) {
        Map<String, AssumedAccount> targets = new LinkedHashMap<>();
        for (String account : accounts) {
            AssumedAccount a = new AssumedAccount(account, role, stsRegion, clients.sts(stsRegion), settings, caller);
            assumedAccounts.add(a);
            targets.put(account, a);
        }
        List<Collector> out = new ArrayList<>();
        for (AwsService s : services.isEmpty() ? EnumSet.noneOf(AwsService.class) : EnumSet.copyOf(services)) {
            Map<String, AccountRoutingCollector.Target> byAccount = new HashMap<>();
            targets.forEach((id, a) -> byAccount.put(id,
                    new AccountRoutingCollector.Target(a, collector(s, a.clients()))));
            out.add(new AccountRoutingCollector(s, IamActions.of(s), byAccount));
        }
        return List.copyOf(out);
    }

    Collector collector(AwsService service) {
        return collector(service, clients);
    }

    private Collector collector(AwsService service, AwsClientFactory clients) {
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
        assumedAccounts.forEach(a -> all.addAll(a.clients().sentOperations()));
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
        assumedAccounts.forEach(AssumedAccount::close);
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
