package io.relyscan.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 in front of the emulator. A low-priority catch-all forwards every request to
 * the emulator; higher-priority stubs answer what moto lacks, shaped like the real AWS APIs:
 * <ul>
 *   <li>AWS Backup ListBackupSelections ({@code GET /backup/plans/{planId}/selections/}) and GetBackupSelection
 *   ({@code GET /backup/plans/{planId}/selections/{selectionId}}), from selections registered with
 *   {@link #registerSelection} (moto's CreateBackupSelection is not implemented);</li>
 *   <li>AWS Backup's recovery state, none of which moto routes (HTTP 404): ListRecoveryPointsByBackupVault
 *   ({@code GET /backup-vaults/{name}/recovery-points/}), ListProtectedResources ({@code GET /resources/}),
 *   ListBackupJobs ({@code GET /backup-jobs/}) and ListCopyJobs ({@code GET /copy-jobs/}), per region, from
 *   what {@link #registerRecoveryPoint}, {@link #registerProtectedResource} and {@link #registerJob} recorded
 *   (empty lists otherwise; the look-back filters are not applied);</li>
 *   <li>AWS Backup DescribeRegionSettings ({@code GET /account-settings}), GetBackupVaultAccessPolicy
 *   ({@code GET /backup-vaults/{name}/access-policy}), ListRestoreTestingPlans ({@code GET /restore-testing/plans}),
 *   ListRestoreTestingSelections ({@code GET /restore-testing/plans/{name}/selections}) and ListRestoreJobs
 *   ({@code GET /restore-jobs/}), per region (matched on the SigV4 credential scope), from what
 *   {@link #registerRegionSettings}, {@link #registerVaultAccessPolicy}, {@link #registerRestoreTestingPlan} and
 *   {@link #registerRestoreJob} set; otherwise every type opted in, no vault policy (ResourceNotFoundException),
 *   no plan and no job (moto has no route for any of them);</li>
 *   <li>AWS Config DescribeDeliveryChannelStatus (moto raises NotImplementedError, i.e. HTTP 500), from
 *   channels registered with {@link #registerDeliveryChannel};</li>
 *   <li>ELBv2 DescribeTargetHealth of one target group, from targets registered with
 *   {@link #registerTargetHealth} (moto reports every registered running target healthy and offers no way to
 *   fail a health check).</li>
 * </ul>
 * EC2 answers forwarded to moto are amended where moto leaves out what AWS always sends ({@link Ec2Amendments}):
 * DescribeInstances gets each instance's MaintenanceOptions (AutoRecovery {@code default}, or what
 * {@link #registerAutoRecovery} set), and DescribeSnapshots the start time and storage tier registered with
 * {@link #registerSnapshot} (moto dates every snapshot at its creation and has no archive tier).
 * It can also kill the emulator once a number of requests have passed, to test a scan whose endpoint dies.
 */
public final class BackupOverlay implements AutoCloseable {
    private static final int PROXY_PRIORITY = 100;
    private static final int FALLBACK_PRIORITY = 50;
    private static final int STUB_PRIORITY = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Map<String, List<Selection>> selectionsByPlan = new LinkedHashMap<>();
    private final Map<String, List<String>> channelsByRegion = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> recoveryPointsByVault = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> protectedResourcesByRegion = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> jobsByRegionAndKind = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> restoreTestingPlansByRegion = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> restoreJobsByRegion = new LinkedHashMap<>();
    private final RequestCounter counter;
    private final Ec2Amendments ec2Amendments;

    /**
     * A backup selection as AWS Backup stores it.
     *
     * @param listOfTags conditions of ListOfTags (OR), ConditionType STRINGEQUALS
     * @param conditions Conditions (AND): operator (StringEquals, StringNotEquals, StringLike, StringNotLike) to
     *                   key/value pairs; keys carry the {@code aws:ResourceTag/} prefix as AWS expects
     */
    public record Selection(String selectionId, String planId, String name, String iamRoleArn,
                            List<String> resources, List<String> notResources, List<Tag> listOfTags,
                            Map<String, List<Tag>> conditions, Instant creationDate) {
        public Selection {
            Objects.requireNonNull(selectionId, "selectionId");
            Objects.requireNonNull(planId, "planId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(iamRoleArn, "iamRoleArn");
            resources = List.copyOf(resources);
            notResources = List.copyOf(notResources);
            listOfTags = List.copyOf(listOfTags);
            conditions = Map.copyOf(conditions);
            Objects.requireNonNull(creationDate, "creationDate");
        }
    }

    /** A tag key and value, as a condition operand. */
    public record Tag(String key, String value) {
    }

    private BackupOverlay(WireMockServer server, RequestCounter counter, Ec2Amendments ec2Amendments) {
        this.server = server;
        this.counter = counter;
        this.ec2Amendments = ec2Amendments;
    }

    /** Starts the overlay on a free 127.0.0.1 port, forwarding to {@code upstream}. */
    public static BackupOverlay start(URI upstream) {
        RequestCounter counter = new RequestCounter();
        Ec2Amendments ec2Amendments = new Ec2Amendments();
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(40)
                .disableRequestJournal()
                .extensions(counter, ec2Amendments));
        server.start();
        BackupOverlay overlay = new BackupOverlay(server, counter, ec2Amendments);
        overlay.installBaseStubs(upstream);
        return overlay;
    }

    /** The URL the scanner is pointed at. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Requests seen so far (every request, whether stubbed or forwarded). */
    public int requestCount() {
        return counter.count.get();
    }

    /**
     * Calls {@code action} once, synchronously, when the request numbered {@code afterRequests + 1} arrives and
     * before it is answered: that request and every later one see what the action left behind.
     */
    public void onRequestNumber(int afterRequests, Runnable action) {
        counter.trigger.set(new Trigger(afterRequests, action));
    }

    /** Registers a selection of {@code planId} (an id the emulator returned) and returns its id. */
    public synchronized Selection registerSelection(String planId, String name, String iamRoleArn,
                                                    List<String> resources, List<String> notResources,
                                                    List<Tag> listOfTags, Map<String, List<Tag>> conditions) {
        Selection s = new Selection(UUID.randomUUID().toString(), planId, name, iamRoleArn, resources,
                notResources, listOfTags, conditions, Instant.now());
        selectionsByPlan.computeIfAbsent(planId, k -> new ArrayList<>()).add(s);
        server.stubFor(get(urlPathMatching("/backup/plans/" + planId + "/selections/?"))
                .atPriority(STUB_PRIORITY)
                .willReturn(json(200, listSelections(selectionsByPlan.get(planId)))));
        server.stubFor(get(urlPathEqualTo("/backup/plans/" + planId + "/selections/" + s.selectionId()))
                .atPriority(STUB_PRIORITY)
                .willReturn(json(200, getSelection(s))));
        return s;
    }

    /** Registers a Config delivery channel whose deliveries all succeed, for DescribeDeliveryChannelStatus. */
    public synchronized void registerDeliveryChannel(String region, String channelName) {
        List<String> names = channelsByRegion.computeIfAbsent(region, k -> new ArrayList<>());
        names.add(channelName);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode statuses = body.putArray("DeliveryChannelsStatus");
        long now = Instant.now().getEpochSecond();
        for (String name : names) {
            ObjectNode st = statuses.addObject();
            st.put("name", name);
            st.set("configSnapshotDeliveryInfo", deliveryInfo("SUCCESS", now));
            st.set("configHistoryDeliveryInfo", deliveryInfo("SUCCESS", now));
            ObjectNode stream = st.putObject("configStreamDeliveryInfo");
            stream.put("lastStatus", "NOT_APPLICABLE");
        }
        server.stubFor(configCall("DescribeDeliveryChannelStatus")
                .withHeader("Authorization", containing("/" + region + "/config/aws4_request"))
                .atPriority(STUB_PRIORITY)
                .willReturn(json11(body)));
    }

    /**
     * Answers DescribeTargetHealth for the target group named {@code targetGroupName} (matched inside its ARN in
     * the form-encoded request) with these instance targets, all in {@code state} for {@code reason}, as AWS
     * reports a target failing its health checks.
     */
    public synchronized void registerTargetHealth(String targetGroupName, List<String> instanceIds, int port,
                                                  String state, String reason, String description) {
        StringBuilder members = new StringBuilder();
        for (String id : instanceIds) {
            members.append("<member><HealthCheckPort>").append(port).append("</HealthCheckPort>")
                    .append("<Target><Id>").append(id).append("</Id><Port>").append(port).append("</Port></Target>")
                    .append("<TargetHealth><State>").append(state).append("</State><Reason>").append(reason)
                    .append("</Reason><Description>").append(description).append("</Description></TargetHealth>")
                    .append("</member>");
        }
        String body = "<DescribeTargetHealthResponse "
                + "xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">"
                + "<DescribeTargetHealthResult><TargetHealthDescriptions>" + members
                + "</TargetHealthDescriptions></DescribeTargetHealthResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</DescribeTargetHealthResponse>";
        server.stubFor(post(urlPathEqualTo("/")).atPriority(STUB_PRIORITY)
                .withRequestBody(containing("Action=DescribeTargetHealth"))
                .withRequestBody(containing("targetgroup%2F" + targetGroupName + "%2F"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(body)));
    }

    /**
     * Answers the region's DescribeScalingActivities (moto always answers none) with one finished activity of
     * this group, as AWS reports it; {@code ago} is how long before now it started and ended.
     */
    public synchronized void registerScalingActivity(String region, String groupName, String statusCode,
                                                     Duration ago, String statusMessage) {
        Instant at = Instant.now().minus(ago).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String body = "<DescribeScalingActivitiesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                + "<DescribeScalingActivitiesResult><Activities><member><ActivityId>" + UUID.randomUUID()
                + "</ActivityId><AutoScalingGroupName>" + groupName + "</AutoScalingGroupName><Description>"
                + "Launching a new EC2 instance.  Status Reason: " + statusMessage + "</Description><Cause>At " + at
                + " an instance was started in response to a difference between desired and actual capacity, "
                + "increasing the capacity from 0 to 1.</Cause><StartTime>" + at + "</StartTime><EndTime>" + at
                + "</EndTime><StatusCode>" + statusCode + "</StatusCode><StatusMessage>" + statusMessage
                + "</StatusMessage><Progress>100</Progress></member></Activities></DescribeScalingActivitiesResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</DescribeScalingActivitiesResponse>";
        server.stubFor(post(urlPathEqualTo("/")).atPriority(STUB_PRIORITY)
                .withRequestBody(containing("Action=DescribeScalingActivities"))
                .withHeader("Authorization", containing("/" + region + "/autoscaling/aws4_request"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(body)));
    }

    /**
     * DescribeRegionSettings ({@code GET /account-settings}) of {@code region}: these ResourceTypeOptInPreference
     * and ResourceTypeManagementPreference maps. Unregistered regions answer every type opted in and managed.
     */
    public synchronized void registerRegionSettings(String region, Map<String, Boolean> optIn,
                                                    Map<String, Boolean> management) {
        server.stubFor(get(urlPathEqualTo("/account-settings")).withHeader("Authorization", containing(
                        "/" + region + "/backup/aws4_request")).atPriority(STUB_PRIORITY)
                .willReturn(json(200, regionSettings(optIn, management))));
    }

    /**
     * GetBackupVaultAccessPolicy ({@code GET /backup-vaults/{name}/access-policy}) of a vault in {@code region}:
     * this policy document. A vault without a registered policy answers ResourceNotFoundException (HTTP 400),
     * as AWS does for a vault that has none.
     */
    public synchronized void registerVaultAccessPolicy(String region, String account, String vaultName,
                                                       String policy) {
        ObjectNode body = JSON.createObjectNode();
        body.put("BackupVaultName", vaultName);
        body.put("BackupVaultArn", "arn:aws:backup:" + region + ":" + account + ":backup-vault:" + vaultName);
        body.put("Policy", policy);
        server.stubFor(get(urlPathEqualTo("/backup-vaults/" + vaultName + "/access-policy"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, body)));
    }

    /**
     * A restore testing plan of {@code region} for ListRestoreTestingPlans ({@code GET /restore-testing/plans}),
     * with one selection per protected resource type for ListRestoreTestingSelections
     * ({@code GET /restore-testing/plans/{name}/selections}). Returns the plan's ARN.
     */
    public synchronized String registerRestoreTestingPlan(String region, String account, String name,
                                                          String scheduleExpression, Instant lastExecution,
                                                          List<String> protectedResourceTypes) {
        String arn = "arn:aws:backup:" + region + ":" + account + ":restore-testing-plan:" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Instant created = Instant.now().minusSeconds(90L * 86_400);
        ObjectNode plan = JSON.createObjectNode();
        plan.put("RestoreTestingPlanName", name);
        plan.put("RestoreTestingPlanArn", arn);
        plan.put("ScheduleExpression", scheduleExpression);
        plan.put("ScheduleExpressionTimezone", "Etc/UTC");
        plan.put("StartWindowHours", 24);
        plan.put("CreationTime", epochSeconds(created));
        plan.put("LastUpdateTime", epochSeconds(created));
        if (lastExecution != null) {
            plan.put("LastExecutionTime", epochSeconds(lastExecution));
        }
        List<ObjectNode> plans = restoreTestingPlansByRegion.computeIfAbsent(region, k -> new ArrayList<>());
        plans.add(plan);
        ObjectNode list = JSON.createObjectNode();
        list.putArray("RestoreTestingPlans").addAll(plans);
        server.stubFor(get(urlPathEqualTo("/restore-testing/plans"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, list)));
        ObjectNode selections = JSON.createObjectNode();
        ArrayNode items = selections.putArray("RestoreTestingSelections");
        for (String type : protectedResourceTypes) {
            ObjectNode sel = items.addObject();
            sel.put("RestoreTestingPlanName", name);
            sel.put("RestoreTestingSelectionName", type.toLowerCase(java.util.Locale.ROOT).replace(' ', '_')
                    + "_selection");
            sel.put("ProtectedResourceType", type);
            sel.put("IamRoleArn", "arn:aws:iam::" + account + ":role/service-role/AWSBackupDefaultServiceRole");
            sel.put("CreationTime", epochSeconds(created));
            sel.put("ValidationWindowHours", 0);
        }
        server.stubFor(get(urlPathEqualTo("/restore-testing/plans/" + name + "/selections"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, selections)));
        return arn;
    }

    /**
     * A restore job of {@code region} for ListRestoreJobs ({@code GET /restore-jobs/}), created at {@code created}
     * and finished at {@code completed} (null: still running); {@code restoreTestingPlanArn} null for a manual
     * restore. The overlay does not filter by ByCreatedAfter: register only jobs inside the scanner's look-back.
     */
    public synchronized void registerRestoreJob(String region, String account, String jobId, String resourceType,
                                                String status, String statusMessage, Instant created,
                                                Instant completed, String restoreTestingPlanArn) {
        ObjectNode job = JSON.createObjectNode();
        job.put("AccountId", account);
        job.put("RestoreJobId", jobId);
        job.put("ResourceType", resourceType);
        job.put("Status", status);
        if (statusMessage != null) {
            job.put("StatusMessage", statusMessage);
        }
        job.put("CreationDate", epochSeconds(created));
        if (completed != null) {
            job.put("CompletionDate", epochSeconds(completed));
        }
        job.put("PercentDone", "COMPLETED".equals(status) ? "100.00%" : "0.00%");
        job.put("RecoveryPointArn", "arn:aws:backup:" + region + ":" + account + ":recovery-point:" + jobId);
        job.put("IamRoleArn", "arn:aws:iam::" + account + ":role/service-role/AWSBackupDefaultServiceRole");
        if (restoreTestingPlanArn != null) {
            job.putObject("CreatedBy").put("RestoreTestingPlanArn", restoreTestingPlanArn);
        }
        List<ObjectNode> jobs = restoreJobsByRegion.computeIfAbsent(region, k -> new ArrayList<>());
        jobs.add(job);
        ObjectNode list = JSON.createObjectNode();
        list.putArray("RestoreJobs").addAll(jobs);
        server.stubFor(get(urlPathMatching("/restore-jobs/?"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, list)));
    }

    /**
     * Registers a recovery point of vault {@code vaultName} in {@code region}, as ListRecoveryPointsByBackupVault
     * returns it: completed half an hour after {@code created} unless still CREATING, CalculatedLifecycle.DeleteAt
     * {@code deleteAfterDays} after creation (none: kept forever), CreatedBy the plan when one is given.
     */
    public synchronized void registerRecoveryPoint(String region, String account, String vaultName,
                                                   String recoveryPointArn, String resourceArn, String resourceType,
                                                   String status, Instant created, Integer deleteAfterDays,
                                                   String backupPlanId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("RecoveryPointArn", recoveryPointArn);
        p.put("BackupVaultName", vaultName);
        p.put("BackupVaultArn", "arn:aws:backup:" + region + ":" + account + ":backup-vault:" + vaultName);
        p.put("ResourceArn", resourceArn);
        p.put("ResourceType", resourceType);
        p.put("ResourceName", resourceArn.substring(Math.max(resourceArn.lastIndexOf(':'),
                resourceArn.lastIndexOf('/')) + 1));
        if (backupPlanId != null) {
            ObjectNode by = p.putObject("CreatedBy");
            by.put("BackupPlanId", backupPlanId);
            by.put("BackupPlanArn", "arn:aws:backup:" + region + ":" + account + ":backup-plan:" + backupPlanId);
            by.put("BackupPlanVersion", "v1");
            by.put("BackupRuleId", "rule-" + backupPlanId);
        }
        p.put("IamRoleArn", "arn:aws:iam::" + account + ":role/service-role/AWSBackupDefaultServiceRole");
        p.put("Status", status);
        p.put("CreationDate", epochSeconds(created));
        if (!"CREATING".equals(status)) {
            p.put("CompletionDate", epochSeconds(created.plus(java.time.Duration.ofMinutes(30))));
        }
        p.put("BackupSizeInBytes", 21474836480L);
        if (deleteAfterDays != null) {
            p.putObject("Lifecycle").put("DeleteAfterDays", deleteAfterDays);
            p.putObject("CalculatedLifecycle").put("DeleteAt",
                    epochSeconds(created.plus(java.time.Duration.ofDays(deleteAfterDays))));
        }
        p.put("IsEncrypted", true);
        p.put("IsParent", false);
        List<ObjectNode> points = recoveryPointsByVault.computeIfAbsent(region + "/" + vaultName,
                k -> new ArrayList<>());
        points.add(p);
        ObjectNode list = JSON.createObjectNode();
        list.putArray("RecoveryPoints").addAll(points);
        server.stubFor(get(urlPathMatching("/backup-vaults/" + vaultName + "/recovery-points/?"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, list)));
    }

    /** Registers a resource ListProtectedResources reports in {@code region}, with its latest backup. */
    public synchronized void registerProtectedResource(String region, String resourceArn, String resourceType,
                                                       Instant lastBackupTime, String lastBackupVaultArn,
                                                       String lastRecoveryPointArn) {
        ObjectNode r = JSON.createObjectNode();
        r.put("ResourceArn", resourceArn);
        r.put("ResourceType", resourceType);
        r.put("ResourceName", resourceArn.substring(Math.max(resourceArn.lastIndexOf(':'),
                resourceArn.lastIndexOf('/')) + 1));
        r.put("LastBackupTime", epochSeconds(lastBackupTime));
        r.put("LastBackupVaultArn", lastBackupVaultArn);
        r.put("LastRecoveryPointArn", lastRecoveryPointArn);
        List<ObjectNode> resources = protectedResourcesByRegion.computeIfAbsent(region, k -> new ArrayList<>());
        resources.add(r);
        ObjectNode list = JSON.createObjectNode();
        list.putArray("Results").addAll(resources);
        server.stubFor(get(urlPathMatching("/resources/?"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, list)));
    }

    /**
     * Registers a backup job ({@code copy} false: ListBackupJobs, written to {@code vaultArn}) or a copy job
     * ({@code copy} true: ListCopyJobs, from {@code sourceVaultArn} to {@code vaultArn}) of {@code region}, ended
     * an hour after {@code created} unless CREATED, PENDING or RUNNING.
     */
    public synchronized void registerJob(String region, String account, boolean copy, String jobId,
                                         String resourceArn, String resourceType, String state, String statusMessage,
                                         Instant created, String sourceVaultArn, String vaultArn) {
        ObjectNode j = JSON.createObjectNode();
        j.put("AccountId", account);
        j.put(copy ? "CopyJobId" : "BackupJobId", jobId);
        if (copy) {
            j.put("SourceBackupVaultArn", sourceVaultArn);
            j.put("SourceRecoveryPointArn", "arn:aws:backup:" + region + ":" + account + ":recovery-point:src-"
                    + jobId);
            j.put("DestinationBackupVaultArn", vaultArn);
        } else {
            j.put("BackupVaultName", vaultArn.substring(vaultArn.lastIndexOf(':') + 1));
            j.put("BackupVaultArn", vaultArn);
        }
        j.put("ResourceArn", resourceArn);
        j.put("ResourceType", resourceType);
        j.put("CreationDate", epochSeconds(created));
        if (!List.of("CREATED", "PENDING", "RUNNING").contains(state)) {
            j.put("CompletionDate", epochSeconds(created.plus(java.time.Duration.ofHours(1))));
        }
        j.put("State", state);
        if (statusMessage != null) {
            j.put("StatusMessage", statusMessage);
        }
        j.put("IamRoleArn", "arn:aws:iam::" + account + ":role/service-role/AWSBackupDefaultServiceRole");
        String key = region + (copy ? "/copy" : "/backup");
        List<ObjectNode> jobs = jobsByRegionAndKind.computeIfAbsent(key, k -> new ArrayList<>());
        jobs.add(j);
        ObjectNode list = JSON.createObjectNode();
        list.putArray(copy ? "CopyJobs" : "BackupJobs").addAll(jobs);
        server.stubFor(get(urlPathMatching(copy ? "/copy-jobs/?" : "/backup-jobs/?"))
                .withHeader("Authorization", containing("/" + region + "/backup/aws4_request"))
                .atPriority(STUB_PRIORITY).willReturn(json(200, list)));
    }

    /** Makes DescribeInstances report MaintenanceOptions.AutoRecovery {@code value} for this instance. */
    public void registerAutoRecovery(String instanceId, String value) {
        ec2Amendments.autoRecovery.put(instanceId, value);
    }

    /** Makes DescribeSnapshots report this start time and storage tier (standard or archive) for the snapshot. */
    public void registerSnapshot(String snapshotId, Instant startTime, String storageTier) {
        ec2Amendments.snapshots.put(snapshotId, new SnapshotAmendment(startTime, storageTier));
    }

    @Override
    public void close() {
        server.stop();
    }

    private void installBaseStubs(URI upstream) {
        server.stubFor(any(anyUrl()).atPriority(PROXY_PRIORITY)
                .willReturn(aResponse().proxiedFrom(upstream.toString())));
        // A plan nobody registered selections for has none, as in AWS; moto would answer 500.
        ObjectNode empty = JSON.createObjectNode();
        empty.putArray("BackupSelectionsList");
        server.stubFor(get(urlPathMatching("/backup/plans/[^/]+/selections/?")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, empty)));
        ObjectNode notFound = JSON.createObjectNode();
        notFound.put("__type", "ResourceNotFoundException");
        notFound.put("Message", "Cannot find a backup selection with this id");
        notFound.put("Code", "ResourceNotFoundException");
        server.stubFor(get(urlPathMatching("/backup/plans/[^/]+/selections/[^/]+")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(404, notFound).withHeader("x-amzn-ErrorType", "ResourceNotFoundException")));
        // R41/R44/R46 calls moto has no route for: every type opted in, no vault access policy, no restore
        // testing plan, no restore job, unless a test registers otherwise.
        Map<String, Boolean> allTrue = new LinkedHashMap<>();
        for (String type : List.of("Aurora", "CloudFormation", "DocumentDB", "DSQL", "DynamoDB", "EBS", "EC2", "EFS",
                "FSx", "Neptune", "RDS", "Redshift", "Redshift Serverless", "S3", "SAP HANA on Amazon EC2",
                "Storage Gateway", "Timestream", "VirtualMachine")) {
            allTrue.put(type, true);
        }
        server.stubFor(get(urlPathEqualTo("/account-settings")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, regionSettings(allTrue, Map.of("DynamoDB", true, "EFS", true)))));
        ObjectNode noPolicy = JSON.createObjectNode();
        noPolicy.put("Code", "ResourceNotFoundException");
        noPolicy.put("Message", "Backup vault does not have an access policy");
        server.stubFor(get(urlPathMatching("/backup-vaults/[^/]+/access-policy")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(400, noPolicy).withHeader("x-amzn-ErrorType", "ResourceNotFoundException")));
        ObjectNode noPlans = JSON.createObjectNode();
        noPlans.putArray("RestoreTestingPlans");
        server.stubFor(get(urlPathEqualTo("/restore-testing/plans")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noPlans)));
        ObjectNode noSelections = JSON.createObjectNode();
        noSelections.putArray("RestoreTestingSelections");
        server.stubFor(get(urlPathMatching("/restore-testing/plans/[^/]+/selections")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noSelections)));
        ObjectNode noJobs = JSON.createObjectNode();
        noJobs.putArray("RestoreJobs");
        server.stubFor(get(urlPathMatching("/restore-jobs/?")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noJobs)));
        // A vault, region or account with no recovery state registered has none, as in AWS; moto would answer 404.
        ObjectNode noPoints = JSON.createObjectNode();
        noPoints.putArray("RecoveryPoints");
        server.stubFor(get(urlPathMatching("/backup-vaults/[^/]+/recovery-points/?")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noPoints)));
        ObjectNode noResources = JSON.createObjectNode();
        noResources.putArray("Results");
        server.stubFor(get(urlPathMatching("/resources/?")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noResources)));
        ObjectNode noBackupJobs = JSON.createObjectNode();
        noBackupJobs.putArray("BackupJobs");
        server.stubFor(get(urlPathMatching("/backup-jobs/?")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noBackupJobs)));
        ObjectNode noCopyJobs = JSON.createObjectNode();
        noCopyJobs.putArray("CopyJobs");
        server.stubFor(get(urlPathMatching("/copy-jobs/?")).atPriority(FALLBACK_PRIORITY)
                .willReturn(json(200, noCopyJobs)));
        ObjectNode noChannels = JSON.createObjectNode();
        noChannels.putArray("DeliveryChannelsStatus");
        server.stubFor(configCall("DescribeDeliveryChannelStatus").atPriority(FALLBACK_PRIORITY)
                .willReturn(json11(noChannels)));
    }

    private static MappingBuilder configCall(String operation) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("StarlingDoveService." + operation));
    }

    private static ObjectNode listSelections(List<Selection> selections) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("BackupSelectionsList");
        for (Selection s : selections) {
            ObjectNode m = list.addObject();
            m.put("SelectionId", s.selectionId());
            m.put("SelectionName", s.name());
            m.put("BackupPlanId", s.planId());
            m.put("CreationDate", epochSeconds(s.creationDate()));
            m.put("CreatorRequestId", s.selectionId());
            m.put("IamRoleArn", s.iamRoleArn());
        }
        return body;
    }

    private static ObjectNode getSelection(Selection s) {
        ObjectNode body = JSON.createObjectNode();
        body.put("BackupPlanId", s.planId());
        body.put("SelectionId", s.selectionId());
        body.put("CreationDate", epochSeconds(s.creationDate()));
        body.put("CreatorRequestId", s.selectionId());
        ObjectNode sel = body.putObject("BackupSelection");
        sel.put("SelectionName", s.name());
        sel.put("IamRoleArn", s.iamRoleArn());
        ArrayNode resources = sel.putArray("Resources");
        s.resources().forEach(resources::add);
        ArrayNode notResources = sel.putArray("NotResources");
        s.notResources().forEach(notResources::add);
        ArrayNode tags = sel.putArray("ListOfTags");
        for (Tag t : s.listOfTags()) {
            ObjectNode c = tags.addObject();
            c.put("ConditionType", "STRINGEQUALS");
            c.put("ConditionKey", t.key());
            c.put("ConditionValue", t.value());
        }
        ObjectNode conditions = sel.putObject("Conditions");
        for (String op : List.of("StringEquals", "StringNotEquals", "StringLike", "StringNotLike")) {
            ArrayNode params = conditions.putArray(op);
            for (Tag t : s.conditions().getOrDefault(op, List.of())) {
                ObjectNode p = params.addObject();
                p.put("ConditionKey", t.key());
                p.put("ConditionValue", t.value());
            }
        }
        return body;
    }

    private static ObjectNode regionSettings(Map<String, Boolean> optIn, Map<String, Boolean> management) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode in = body.putObject("ResourceTypeOptInPreference");
        optIn.forEach(in::put);
        ObjectNode managed = body.putObject("ResourceTypeManagementPreference");
        management.forEach(managed::put);
        return body;
    }

    private static ObjectNode deliveryInfo(String status, long epochSeconds) {
        ObjectNode info = JSON.createObjectNode();
        info.put("lastStatus", status);
        info.put("lastAttemptTime", epochSeconds);
        info.put("lastSuccessfulTime", epochSeconds);
        return info;
    }

    /** Epoch seconds with millisecond precision, as AWS Backup writes its timestamps. */
    private static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
    }

    private static ResponseDefinitionBuilder json(int status, ObjectNode body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(body.toString());
    }

    private static ResponseDefinitionBuilder json11(ObjectNode body) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(body.toString());
    }

    private record Trigger(int afterRequests, Runnable action) {
    }

    private record SnapshotAmendment(Instant startTime, String storageTier) {
    }

    /**
     * Rewrites successful EC2 answers forwarded from moto: adds MaintenanceOptions to each instance of
     * DescribeInstances (AWS reports it for every instance; moto never does) and the registered start time and
     * storage tier to snapshots of DescribeSnapshots. Everything else passes unchanged.
     */
    private static final class Ec2Amendments implements ResponseTransformerV2 {
        private static final Pattern DESCRIBE_INSTANCES = Pattern.compile("(^|&)Action=DescribeInstances(&|$)");
        private static final Pattern DESCRIBE_SNAPSHOTS = Pattern.compile("(^|&)Action=DescribeSnapshots(&|$)");
        private static final Pattern INSTANCE_ID = Pattern.compile("<instanceId>([^<]+)</instanceId>");
        final Map<String, String> autoRecovery = new ConcurrentHashMap<>();
        final Map<String, SnapshotAmendment> snapshots = new ConcurrentHashMap<>();

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            String request = serveEvent.getRequest().getBodyAsString();
            if (response.getStatus() != 200 || request == null) {
                return response;
            }
            String body = response.getBodyAsString();
            String amended = body;
            if (DESCRIBE_INSTANCES.matcher(request).find() && !body.contains("<maintenanceOptions>")) {
                amended = INSTANCE_ID.matcher(body).replaceAll(m -> Matcher.quoteReplacement(m.group()
                        + "<maintenanceOptions><autoRecovery>" + autoRecovery.getOrDefault(m.group(1), "default")
                        + "</autoRecovery></maintenanceOptions>"));
            } else if (DESCRIBE_SNAPSHOTS.matcher(request).find()) {
                for (Map.Entry<String, SnapshotAmendment> e : snapshots.entrySet()) {
                    String id = Pattern.quote("<snapshotId>" + e.getKey() + "</snapshotId>");
                    amended = amended.replaceFirst("(" + id + ".*?<startTime>)[^<]*(</startTime>)",
                            "$1" + e.getValue().startTime() + "$2")
                            .replaceFirst("(" + id + ")", "$1<storageTier>" + e.getValue().storageTier()
                                    + "</storageTier>");
                }
            }
            if (amended.equals(body)) {
                return response;
            }
            List<HttpHeader> headers = response.getHeaders().all().stream()
                    .filter(h -> !h.keyEquals("Content-Length")).toList();
            return Response.Builder.like(response).but().headers(new HttpHeaders(headers)).body(amended).build();
        }

        @Override
        public String getName() {
            return "relyscan-ec2-amendments";
        }
    }

    /** Counts requests and runs a one-shot trigger before the matching request is answered. */
    private static final class RequestCounter implements ServeEventListener {
        final AtomicInteger count = new AtomicInteger();
        final AtomicReference<Trigger> trigger = new AtomicReference<>();

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            int n = count.incrementAndGet();
            Trigger t = trigger.get();
            if (t == null || n <= t.afterRequests()) {
                return;
            }
            // Requests arriving while the action runs wait for it, so none slips past it.
            synchronized (this) {
                if (trigger.get() == t) {
                    try {
                        t.action().run();
                    } finally {
                        trigger.set(null);
                    }
                }
            }
        }

        @Override
        public String getName() {
            return "relyscan-request-counter";
        }
    }
}
