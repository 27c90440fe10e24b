package io.relyscan.cli;

import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.collectors.AccountTargets;
import io.relyscan.collectors.AwsCallException;
import io.relyscan.collectors.AwsConnectionSettings;
import io.relyscan.collectors.AwsSession;
import io.relyscan.collectors.CrossAccountRole;
import io.relyscan.collectors.KnownRegions;
import io.relyscan.collectors.OrganizationAccount;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.scan.Collector;
import io.relyscan.core.scan.ScanListener;
import io.relyscan.core.scan.ScanOptions;
import io.relyscan.core.scan.ScanOrchestrator;
import io.relyscan.report.snapshot.InventorySnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scan a live AWS account for reliability risks.",
                "Credentials come from the standard AWS provider chain (environment, profile, SSO, container or "
                        + "instance role). Only read-only Describe/List/Get calls are made; the README lists the "
                        + "IAM permissions.",
                "With --org, --accounts or --accounts-file, the role (--role-name or --role-arn-template) is "
                        + "assumed in each account with the caller's credentials, which then also need "
                        + "sts:AssumeRole (and organizations:ListAccounts for --org); the caller's own account is "
                        + "scanned with its own credentials. Each account's enabled regions are discovered "
                        + "(ec2:DescribeRegions) and filtered by --region/--exclude-region. An account whose role "
                        + "cannot be assumed or whose regions cannot be listed is reported as ERROR and the others "
                        + "are scanned.",
                "Console report to stdout; files are written atomically to --output-dir.",
                "Enabled rules, parameters, severities and tier-1 resources come from relyscan.yaml "
                        + "(see --config and docs/configuration.md)."},
        footer = {"", "Exit codes: 0 clean, 1 failing findings at or above --fail-on "
                + "(with --baseline: NEW failing findings only), 2 usage or input error, "
                + "3 scan incomplete (when several apply, 2 wins over 3, and 3 over 1)."})
final class ScanCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScanCommand.class);

    private final CliEnvironment cli;

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from ~/.aws/config and "
            + "~/.aws/credentials (default: the provider chain, AWS_PROFILE)")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to scan; repeatable. Default: the "
            + "profile's region (AWS_REGION, AWS_DEFAULT_REGION or the profile's 'region').")
    List<String> regions = new ArrayList<>();

    @Option(names = "--all-regions", description = "Scan every region enabled for each account "
            + "in its partition (ec2:DescribeRegions with opt-in status); regions not opted in are skipped.")
    boolean allRegions;

    @Option(names = "--exclude-region", paramLabel = "REGION", description = "Region not to scan; repeatable. "
            + "Mostly with --all-regions; a region both given with --region and excluded is an error.")
    List<String> excludedRegions = new ArrayList<>();

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call to this endpoint, "
            + "e.g. an emulator (default: AWS_ENDPOINT_URL if set, else the real AWS endpoints)")
    String endpointUrl;

    @Option(names = "--save-inventory", paramLabel = "FILE", description = "Also write the collected inventory "
            + "as a JSON snapshot, for 'relyscan evaluate' later")
    Path saveInventory;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class, description = "Stop collecting after this long and report what "
            + "was not collected as ERROR, e.g. 90s, 10m, 1h. Default: ${DEFAULT-VALUE}")
    Duration deadline;

    @Option(names = "--attempt-timeout", paramLabel = "DURATION", defaultValue = "20s",
            converter = DurationConverter.class, description = "Limit of one HTTP attempt of an AWS call; an "
            + "attempt that takes longer is abandoned and retried. Default: ${DEFAULT-VALUE}")
    Duration attemptTimeout;

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class, description = "Limit of one AWS call, its retries and backoff "
            + "included; no retry starts once it is spent. At least --attempt-timeout. Default: ${DEFAULT-VALUE}")
    Duration callTimeout;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Collection tasks (account x region x service) run at once, and accounts whose "
                    + "regions are listed at once. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "16",
            description = "AWS requests in flight at once across all accounts, regions and services (1 to 64); "
                    + "each endpoint (account, region, service) also has at most 4. Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    @Mixin
    AccountsOption accountsOption;

    @Mixin
    ShardOption shard;

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Mixin
    FrameworkOption framework;

    @Mixin
    WaiverOption waivers;

    @Mixin
    BaselineOption baseline;

    @Mixin
    VerboseOption verbose;

    @Mixin
    ProgressOption progress;

    ScanCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        output.validate();
        waivers.load();
        baseline.load();
        validateRegions();
        boolean fromOrganization = accountsOption.fromOrganization();
        List<String> listedAccounts = accountsOption.withoutExcluded(accountsOption.targets(),
                "--accounts/--accounts-file");
        Optional<CrossAccountRole> role = accountsOption.role(listedAccounts);
        boolean multiAccount = fromOrganization || !listedAccounts.isEmpty();
        if (shard.chosen().isPresent() && !multiAccount) {
            throw new InputException("--shard partitions the account list: pass --org, --accounts or "
                    + "--accounts-file");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new InputException("--concurrency: must be between 1 and 64, got " + concurrency);
        }
        if (saveInventory != null) {
            OutputOptions.checkWritableFile("--save-inventory", saveInventory);
        }
        AwsConnectionSettings defaults = AwsConnectionSettings.defaults();
        if (callTimeout.compareTo(attemptTimeout) < 0) {
            throw new InputException("--call-timeout (" + callTimeout.toMillis() + " ms) must be at least "
                    + "--attempt-timeout (" + attemptTimeout.toMillis() + " ms)");
        }
        AwsConnectionSettings settings = new AwsConnectionSettings(profile, endpoint(), attemptTimeout,
                callTimeout, defaults.retry());
        RelyscanConfig configuration = config.load();
        List<Rule> rules = framework.select(RuleSelection.enabled(configuration));
        if (maxInFlight < 1 || maxInFlight > AwsSession.MAX_IN_FLIGHT) {
            throw new InputException("--max-in-flight: must be between 1 and " + AwsSession.MAX_IN_FLIGHT
                    + ", got " + maxInFlight);
        }
        try (AwsSession session = AwsSession.open(settings, maxInFlight)) {
            String seedRegion = regions.isEmpty() ? session.defaultRegion().orElse(null) : regions.get(0);
            if (seedRegion == null) {
                seedRegion = allRegions ? "us-east-1" : null;
            }
            if (seedRegion == null) {
                throw new InputException("no region: pass --region REGION (repeatable) or --all-regions, or set "
                        + "AWS_REGION or the profile's region");
            }
            if (regions.isEmpty() && !KnownRegions.isKnown(seedRegion)) {
                throw new InputException("unknown region '" + seedRegion + "' from AWS_REGION, AWS_DEFAULT_REGION "
                        + "or the profile's 'region'; fix it or pass --region REGION");
            }
            RegionSelection regionSelection = new RegionSelection(excludedRegions);
            List<String> givenRegions = allRegions ? List.of() : regionSelection.withoutExcluded(
                    List.copyOf(new LinkedHashSet<>(regions.isEmpty() ? List.of(seedRegion) : regions)));
            String account = session.accountId(seedRegion);
            Set<AwsService> services = RuleSelection.servicesFor(rules);
            List<ScanListener> listeners = new ArrayList<>();
            List<ScanScope> scopes;
            List<Collector> collectors;
            if (multiAccount) {
                List<String> candidates = fromOrganization
                        ? accountsOption.withoutExcluded(organizationAccounts(session, account, seedRegion),
                        "the organization") : listedAccounts;
                List<String> targetAccounts = shard.select(candidates);
                LOG.info("{} account(s) to scan{}", targetAccounts.size(), shard.chosen().isPresent()
                        ? " in shard " + shard.chosen().get().k() + "/" + shard.chosen().get().n() + " of "
                        + candidates.size() : "");
                AccountTargets targets = session.targets(targetAccounts, role.orElseThrow(), seedRegion, account);
                scopes = regionSelection.scopes(targets.discoverRegions(seedRegion, concurrency), givenRegions,
                        seedRegion);
                collectors = targets.collectors(services);
                listeners.add(targets.releaser());
            } else {
                List<String> scanRegions = allRegions
                        ? regionSelection.withoutExcluded(RegionSelection.enabled(session.regions(account, seedRegion),
                        seedRegion))
                        : givenRegions;
                scopes = scanRegions.stream().map(r -> new ScanScope(account, r)).toList();
                collectors = session.collectors(services);
            }
            LOG.info("scanning accounts: {} account(s), {} account/region scope(s)",
                    scopes.stream().map(ScanScope::account).distinct().count(), scopes.size());
            ScanOrchestrator orchestrator = new ScanOrchestrator(Clock.systemUTC(),
                    new ScanOptions(concurrency, deadline));
            Inventory inventory;
            try (ProgressDisplay display = progress.open(cli, session::telemetry)) {
                listeners.add(display);
                inventory = orchestrator.scan(scopes, collectors, session::telemetry,
                        ScanListener.all(listeners));
            }
            if (saveInventory != null) {
                InventorySnapshots.write(inventory, saveInventory);
                cli.out().println("Inventory snapshot: " + saveInventory);
            }
            ScanReport report = baseline.compare(framework.attach(waivers.apply(Evaluation.evaluate(inventory,
                    rules, configuration.engineSettings()))), cli.err());
            ExitCode code = new ReportPublisher(cli).publish(report, output);
            progress.summarize(cli, report);
            session.credentialsProblem().ifPresent(problem -> cli.err().println("relyscan: " + problem));
            return code.code();
        }
    }

    /** The ACTIVE accounts of the caller's organization, in id order; none is an error. */
    private static List<String> organizationAccounts(AwsSession session, String caller, String seedRegion) {
        List<OrganizationAccount> all = session.organizationAccounts(caller, seedRegion);
        all.stream().filter(a -> !a.active()).forEach(a ->
                LOG.info("skipping account {}: {} in the organization", a.id(), a.status()));
        List<String> active = all.stream().filter(OrganizationAccount::active).map(OrganizationAccount::id).toList();
        if (active.isEmpty()) {
            throw new AwsCallException(GapReason.UNKNOWN, "--org: the organization of account " + caller
                    + " lists no ACTIVE account", null);
        }
        LOG.info("--org: {} active account(s) of {} in the organization", active.size(), all.size());
        return active;
    }

    private void validateRegions() {
        if (allRegions && !regions.isEmpty()) {
            throw new InputException("--region and --all-regions cannot be combined");
        }
        requireKnown("--region", regions);
        requireKnown("--exclude-region", excludedRegions);
        List<String> both = regions.stream().filter(excludedRegions::contains).distinct().toList();
        if (!both.isEmpty()) {
            throw new InputException("--region and --exclude-region both name " + String.join(", ", both)
                    + "; drop one of them");
        }
    }

    private static void requireKnown(String option, List<String> names) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String r : names) {
            if (!KnownRegions.isKnown(r)) {
                unknown.add(r);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            List<String> similar = KnownRegions.similarTo(first);
            throw new InputException(option + ": unknown region " + String.join(", ", unknown)
                    + (similar.isEmpty() ? "" : "; known regions like it: " + String.join(", ", similar)));
        }
    }

    private URI endpoint() {
        String value = endpointUrl != null ? endpointUrl : cli.variable("AWS_ENDPOINT_URL");
        if (value == null) {
            return null;
        }
        String option = endpointUrl != null ? "--endpoint-url" : "AWS_ENDPOINT_URL";
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new InputException(option + ": '" + value + "' is not an http(s) URL with a host, "
                        + "e.g. http://127.0.0.1:5000");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InputException(option + ": '" + value + "' is not a valid URL: " + e.getReason());
        }
    }
}
