package io.relyscan.e2e;

import io.relyscan.core.testing.BackupRestRoutes;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fault-injecting WireMock proxy on 127.0.0.1, placed between the scanner and the {@link BackupOverlay}
 * (CLI → FaultProxy → BackupOverlay → moto). Every request is forwarded unchanged unless a {@link FaultRule}
 * fires for it; then the proxy answers the fault itself (the request never reaches the emulator) or, for
 * {@link FaultRule.Kind#DELAY} and {@link FaultRule.Kind#TRUNCATED_BODY}, alters the real response.
 *
 * <h2>API</h2>
 * <pre>{@code
 * FaultProxy proxy = FaultProxy.start(overlay.endpoint());        // point the CLI at proxy.endpoint()
 * proxy.inject(FaultRule.matching("ec2", null, null)              // service, region, operation; null = any
 *         .respond(FaultRule.Kind.THROTTLE)                       // or HTTP_500, HTTP_503, CONNECTION_RESET,
 *                                                                 //    MALFORMED_BODY, TRUNCATED_BODY,
 *         .probability(0.3).seed(42)                              // .delayedBy(d), .error(403, "AccessDenied", m)
 *         .forDuration(Duration.ofSeconds(20))                    // active window, from its first hit
 *         .afterRequests(5).limit(100)                            // skip the first 5 matches; at most 100 faults
 *         .aboveRate(2.0));                                       // only requests beyond 2/s per service+region
 * proxy.attempts("ec2", "us-east-1", "DescribeInstances");        // requests seen, faults included
 * proxy.totalAttempts(); proxy.faultsInjected(); proxy.log();     // totals and the timed log of every request
 * proxy.clearRules(); proxy.resetCounts();                        // between cases
 * }</pre>
 *
 * <h2>How a request is identified</h2>
 * Service and region come from the credential scope of the SigV4 {@code Authorization} header
 * ({@code Credential=AKID/20261128/us-east-1/ec2/aws4_request}), so services are named by their signing name
 * ({@code monitoring} for CloudWatch, {@code elasticloadbalancing} for ELB and ELBv2). The operation is the
 * {@code Action=} parameter of the query protocols (EC2, RDS, Auto Scaling, ELB, CloudWatch, SNS, STS), the part
 * after the dot of {@code X-Amz-Target} (Config's JSON protocol), or for AWS Backup's REST protocol the operation
 * its method and path belong to ({@code GET /backup/plans/} is {@code ListBackupPlans}).
 *
 * <h2>Which rule fires</h2>
 * Rules are tried in the order they were injected; the first that matches the request, is active (past its
 * {@code afterRequests} matches, inside its {@code forDuration} window, under its {@code limit}) and draws a
 * number below its {@code probability} from its own {@code Random(seed)} answers the request. The draws are
 * deterministic in arrival order; with concurrent collection, which call arrives n-th can differ between runs,
 * so tests assert on outcomes and bounds, never on which call was hit.
 *
 * <h2>Error shapes</h2>
 * Errors are written in the service's own protocol: EC2's {@code <Response><Errors><Error><Code>}, the query
 * services' {@code <ErrorResponse><Error><Type>Sender</Type><Code>}, and for JSON services (Config, Backup)
 * {@code {"__type": code, "message": …}} with {@code x-amzn-ErrorType}. Throttling is EC2's 503
 * {@code RequestLimitExceeded}, the query services' 400 {@code Throttling}, and the JSON services' 400
 * {@code ThrottlingException}, as AWS sends them.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Pattern CREDENTIAL_SCOPE =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    private static final Pattern QUERY_ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final String TRUNCATE = "relyscan-fault-truncate";

    /** One (service, region, operation) the proxy saw. */
    public record CallKey(String service, String region, String operation) implements Comparable<CallKey> {
        @Override
        public int compareTo(CallKey o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return service + "/" + region + "/" + operation;
        }
    }

    /**
     * One request the proxy saw.
     *
     * @param atMillis milliseconds since the proxy started (or since {@link #resetCounts()})
     * @param fault    the fault it got, null when it was forwarded untouched
     */
    public record Attempt(CallKey call, long atMillis, FaultRule.Kind fault) {
    }

    private final WireMockServer server;
    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
    private final List<Attempt> log = new ArrayList<>();
    private long startedNanos = System.nanoTime();

    private FaultProxy(URI upstream) {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(40)
                .disableRequestJournal()
                .extensions(new Injector(), new Truncator()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(upstream.toString())));
    }

    /** Starts the proxy on a free 127.0.0.1 port, forwarding to {@code upstream} (the overlay's endpoint). */
    public static FaultProxy start(URI upstream) {
        return new FaultProxy(upstream);
    }

    /** The URL the scanner is pointed at. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Adds a rule after those already injected. */
    public void inject(FaultRule rule) {
        rules.add(new ActiveRule(rule));
    }

    /** Removes every rule: from now on everything is forwarded. */
    public void clearRules() {
        rules.clear();
    }

    /** Forgets every request seen and restarts the log's clock. */
    public synchronized void resetCounts() {
        log.clear();
        startedNanos = System.nanoTime();
    }

    /** Requests seen for this service, region and operation (null = any), faults included. */
    public synchronized int attempts(String service, String region, String operation) {
        return (int) log.stream().filter(a -> (service == null || service.equals(a.call().service()))
                && (region == null || region.equals(a.call().region()))
                && (operation == null || operation.equals(a.call().operation()))).count();
    }

    public synchronized int totalAttempts() {
        return log.size();
    }

    /** Requests answered with a fault. */
    public synchronized int faultsInjected() {
        return (int) log.stream().filter(a -> a.fault() != null).count();
    }

    /** Requests seen per (service, region, operation). */
    public synchronized Map<CallKey, Integer> attemptsByCall() {
        Map<CallKey, Integer> counts = new TreeMap<>();
        log.forEach(a -> counts.merge(a.call(), 1, Integer::sum));
        return counts;
    }

    /** Every request seen, in arrival order. */
    public synchronized List<Attempt> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized FaultRule.Kind record(CallKey call, FaultRule.Kind fault) {
        log.add(new Attempt(call, (System.nanoTime() - startedNanos) / 1_000_000, fault));
        return fault;
    }

    /** The rule that fires for this request, or null; advances the state of every rule that matched. */
    private FaultRule decide(CallKey call, String body) {
        for (ActiveRule r : rules) {
            if (r.rule.matches(call.service(), call.region(), call.operation(), body) && r.fires(call)) {
                return r.rule;
            }
        }
        return null;
    }

    static CallKey identify(Request request) {
        String auth = request.getHeader("Authorization");
        Matcher scope = CREDENTIAL_SCOPE.matcher(auth == null ? "" : auth);
        boolean signed = scope.find();
        return new CallKey(signed ? scope.group(2) : "unsigned", signed ? scope.group(1) : "unsigned",
                operation(request));
    }

    private static String operation(Request request) {
        String target = request.containsHeader("X-Amz-Target") ? request.getHeader("X-Amz-Target") : null;
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        String body = request.getBodyAsString();
        Matcher action = QUERY_ACTION.matcher(body == null ? "" : body);
        if (action.find()) {
            return action.group(1);
        }
        Matcher inUrl = QUERY_ACTION.matcher(request.getUrl().contains("?")
                ? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "");
        if (inUrl.find()) {
            return inUrl.group(1);
        }
        return backupOperation(request.getMethod().getName(), URI.create(request.getUrl()).getPath());
    }

    /** AWS Backup's REST routes, by method and path; anything else is "METHOD path". */
    static String backupOperation(String method, String path) {
        return BackupRestRoutes.operation(method, path);
    }

    /** A rule and its running state: matches seen, faults injected, its window and its random draws. */
    private static final class ActiveRule {
        final FaultRule rule;
        final Random random;
        int matched;
        int injected;
        long activeSinceNanos = -1;
        final Map<String, double[]> buckets = new java.util.HashMap<>();

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.random = new Random(rule.seed());
        }

        synchronized boolean fires(CallKey call) {
            matched++;
            if (matched <= rule.skipFirst()) {
                return false;
            }
            long now = System.nanoTime();
            if (activeSinceNanos < 0) {
                activeSinceNanos = now;
            }
            if (rule.activeFor() != null && now - activeSinceNanos > rule.activeFor().toNanos()) {
                return false;
            }
            if (rule.limit() > 0 && injected >= rule.limit()) {
                return false;
            }
            if (rule.aboveRate() > 0 && withinRate(call.service() + "/" + call.region(), now)) {
                return false;
            }
            if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
                return false;
            }
            injected++;
            return true;
        }

        /** Takes a token of the (service, region)'s bucket: {tokens, last refill nanos}; false when it is empty. */
        private boolean withinRate(String endpoint, long now) {
            double capacity = Math.max(1, rule.aboveRate());
            double[] bucket = buckets.computeIfAbsent(endpoint, k -> new double[] {capacity, now});
            bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) / 1e9 * rule.aboveRate());
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return true;
            }
            return false;
        }
    }

    /** Decides each request's fate before it is proxied, and answers faults without reaching the upstream. */
    private final class Injector implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            CallKey call = identify(request);
            FaultRule rule = decide(call, request.getBodyAsString());
            ResponseDefinition real = serveEvent.getResponseDefinition();
            if (rule == null) {
                record(call, null);
                return real;
            }
            record(call, rule.kind());
            Protocol protocol = Protocol.of(call.service(), request);
            return switch (rule.kind()) {
                case THROTTLE -> protocol.throttle();
                case HTTP_500 -> protocol.error(500, "InternalFailure",
                        "The request processing has failed because of an unknown error.");
                case HTTP_503 -> protocol.error(503, "ServiceUnavailable", "The service is unavailable.");
                case ERROR -> protocol.error(rule.status(), rule.code(),
                        rule.message() == null ? rule.code() : rule.message());
                case CONNECTION_RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                case MALFORMED_BODY -> aResponse().withStatus(200)
                        .withHeader("Content-Type", protocol.contentType())
                        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                        .withBody(protocol.json() ? "{\"unterminated: [1, 2" : "<<this is not <xml").build();
                case DELAY -> ResponseDefinitionBuilder.like(real).but()
                        .withFixedDelay((int) rule.delay().toMillis()).build();
                case TRUNCATED_BODY -> ResponseDefinitionBuilder.like(real).but().withTransformers(TRUNCATE)
                        .build();
            };
        }

        @Override
        public String getName() {
            return "relyscan-fault-injector";
        }
    }

    /** Cuts the real response's body in half; applied only to requests the injector chose. */
    private static final class Truncator implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            byte[] body = response.getBody();
            byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
            List<HttpHeader> headers = response.getHeaders().all().stream()
                    .filter(h -> !h.keyEquals("Content-Length") && !h.keyEquals("Content-Encoding")
                            && !h.keyEquals("Transfer-Encoding"))
                    .toList();
            return Response.Builder.like(response).but().headers(new HttpHeaders(headers)).body(cut).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRUNCATE;
        }
    }

    /** How a service writes its errors. */
    private enum Protocol {
        EC2, QUERY, JSON;

        static Protocol of(String service, Request request) {
            if (service.equals("ec2")) {
                return EC2;
            }
            if (request.containsHeader("X-Amz-Target") || service.equals("backup")) {
                return JSON;
            }
            return QUERY;
        }

        boolean json() {
            return this == JSON;
        }

        String contentType() {
            return this == JSON ? "application/x-amz-json-1.1" : "text/xml";
        }

        ResponseDefinition throttle() {
            return switch (this) {
                case EC2 -> error(503, "RequestLimitExceeded", "Request limit exceeded.");
                case QUERY -> error(400, "Throttling", "Rate exceeded");
                case JSON -> error(400, "ThrottlingException", "Rate exceeded");
            };
        }

        ResponseDefinition error(int status, String code, String message) {
            String requestId = UUID.randomUUID().toString();
            String body = switch (this) {
                case EC2 -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + xml(message) + "</Message></Error></Errors><RequestID>" + requestId
                        + "</RequestID></Response>";
                case QUERY -> "<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender")
                        + "</Type><Code>" + code + "</Code><Message>" + xml(message) + "</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
                case JSON -> "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
            };
            ResponseDefinitionBuilder b = aResponse().withStatus(status)
                    .withHeader("Content-Type", contentType())
                    .withHeader("x-amzn-RequestId", requestId)
                    .withBody(body.getBytes(StandardCharsets.UTF_8));
            if (this == JSON) {
                b = b.withHeader("x-amzn-ErrorType", code);
            }
            return b.build();
        }

        private static String xml(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
