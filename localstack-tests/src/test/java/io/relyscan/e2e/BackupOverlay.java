package io.relyscan.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 *   <li>AWS Config DescribeDeliveryChannelStatus (moto raises NotImplementedError, i.e. HTTP 500), from
 *   channels registered with {@link #registerDeliveryChannel};</li>
 *   <li>ELBv2 DescribeTargetHealth of one target group, from targets registered with
 *   {@link #registerTargetHealth} (moto reports every registered running target healthy and offers no way to
 *   fail a health check).</li>
 * </ul>
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
    private final RequestCounter counter;

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

    private BackupOverlay(WireMockServer server, RequestCounter counter) {
        this.server = server;
        this.counter = counter;
    }

    /** Starts the overlay on a free 127.0.0.1 port, forwarding to {@code upstream}. */
    public static BackupOverlay start(URI upstream) {
        RequestCounter counter = new RequestCounter();
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(40)
                .disableRequestJournal()
                .extensions(counter));
        server.start();
        BackupOverlay overlay = new BackupOverlay(server, counter);
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
