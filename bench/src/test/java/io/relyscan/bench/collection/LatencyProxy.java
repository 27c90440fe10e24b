package io.relyscan.bench.collection;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on 127.0.0.1 in front of moto that makes every AWS call cost a fixed latency, as a remote AWS
 * endpoint would: each request waits {@code latency} before it is forwarded. It logs every request (service,
 * region and operation from the SigV4 credential scope and the Action / X-Amz-Target / Backup REST route, arrival
 * time, time moto took) and answers itself, after the same latency, the AWS Backup reads moto does not implement
 * (selections, recovery points, protected resources, jobs, region settings, vault access policies, restore
 * testing), with empty results, and adds to DescribeInstances the MaintenanceOptions moto leaves out, so the
 * benchmark measures the scanner and not moto's gaps.
 */
final class LatencyProxy implements AutoCloseable {
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/");
    private static final Pattern QUERY_ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/]+)/");
    private static final Pattern ROLE_ACCOUNT = Pattern.compile("RoleArn=arn%3Aaws%3Aiam%3A%3A(\\d{12})%3A");
    private static final Pattern ISSUED_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Pattern INSTANCE_ID = Pattern.compile("<instanceId>[^<]+</instanceId>");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    /** One request the proxy saw. */
    record Call(String account, String service, String region, String operation, long arrivedNanos,
                long upstreamNanos, boolean stubbed) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient upstream;
    private final URI target;
    private final Duration latency;
    private final List<Call> log = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Access key id issued by AssumeRole -> the account of the role, to tell whose call a request is. */
    private final Map<String, String> accountByKey = new java.util.concurrent.ConcurrentHashMap<>();
    private int maxInFlight;

    private LatencyProxy(URI target, Duration latency) throws IOException {
        this.target = target;
        this.latency = latency;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "latency-proxy");
            t.setDaemon(true);
            return t;
        });
        this.upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static LatencyProxy start(URI moto, Duration latency) {
        try {
            return new LatencyProxy(moto, latency);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the latency proxy", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Duration latency() {
        return latency;
    }

    /** Every request seen since the last {@link #reset()}, in arrival order. */
    synchronized List<Call> calls() {
        return List.copyOf(log);
    }

    /** The most requests that were inside the proxy at once since the last reset. */
    synchronized int maxInFlight() {
        return maxInFlight;
    }

    synchronized void reset() {
        log.clear();
        maxInFlight = 0;
    }

    /** Requests per "service operation", e.g. "ec2 DescribeInstances". */
    static Map<String, Integer> countByOperation(List<Call> calls) {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach(c -> out.merge(c.service() + " " + c.operation(), 1, Integer::sum));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        synchronized (this) {
            maxInFlight = Math.max(maxInFlight, inFlight.incrementAndGet());
        }
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher scope = CREDENTIAL_SCOPE.matcher(auth == null ? "" : auth);
            boolean signed = scope.find();
            String text = new String(body, StandardCharsets.UTF_8);
            String service = signed ? service(scope.group(2), text) : "unsigned";
            String region = signed ? scope.group(1) : "unsigned";
            String operation = operation(exchange, text);
            sleep(latency);
            BackupStub.Answer stub = service.equals("backup") ? BackupStub.answer(operation) : null;
            long upstreamNanos = 0;
            int status;
            Map<String, List<String>> headers;
            byte[] answer;
            if (stub != null) {
                status = stub.status();
                headers = Map.of("Content-Type", List.of("application/json"),
                        "x-amzn-ErrorType", stub.errorType() == null ? List.of() : List.of(stub.errorType()));
                answer = stub.body().getBytes(StandardCharsets.UTF_8);
            } else {
                long sent = System.nanoTime();
                HttpResponse<byte[]> response = forward(exchange, body);
                upstreamNanos = System.nanoTime() - sent;
                status = response.statusCode();
                headers = response.headers().map();
                answer = operation.equals("DescribeInstances") ? withMaintenanceOptions(response.body())
                        : response.body();
                if (operation.equals("AssumeRole")) {
                    learnAccount(text, response.body());
                }
            }
            Matcher key = ACCESS_KEY.matcher(auth == null ? "" : auth);
            String account = key.find() ? accountByKey.getOrDefault(key.group(1), "caller") : "unsigned";
            // Logged before answering: once the client has its answer, the call is in the log.
            synchronized (this) {
                log.add(new Call(account, service, region, operation, arrived, upstreamNanos, stub != null));
            }
            send(exchange, status, headers, answer);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void learnAccount(String request, byte[] response) {
        Matcher role = ROLE_ACCOUNT.matcher(request);
        Matcher issued = ISSUED_KEY.matcher(new String(response, StandardCharsets.UTF_8));
        if (role.find() && issued.find()) {
            accountByKey.put(issued.group(1), role.group(1));
        }
    }

    /**
     * moto leaves MaintenanceOptions out of DescribeInstances, which AWS always sends; without it the recovery
     * rule cannot judge standalone instances (ERROR). Each instance gets AWS's default, AutoRecovery "default".
     */
    private static byte[] withMaintenanceOptions(byte[] body) {
        String xml = new String(body, StandardCharsets.UTF_8);
        if (xml.contains("<maintenanceOptions>")) {
            return body;
        }
        return INSTANCE_ID.matcher(xml).replaceAll(m -> Matcher.quoteReplacement(m.group()
                + "<maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions>"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        boolean empty = body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The signing name, but "cloudwatch" for monitoring and "elb" / "elbv2" by API version. */
    private static String service(String signingName, String body) {
        return switch (signingName) {
            case "monitoring" -> "cloudwatch";
            case "elasticloadbalancing" -> body.contains("Version=2012-06-01") ? "elb" : "elbv2";
            default -> signingName;
        };
    }

    private static String operation(HttpExchange exchange, String body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        Matcher action = QUERY_ACTION.matcher(body);
        if (action.find()) {
            return action.group(1);
        }
        String query = exchange.getRequestURI().getRawQuery();
        Matcher inUrl = QUERY_ACTION.matcher(query == null ? "" : query);
        if (inUrl.find()) {
            return inUrl.group(1);
        }
        return BackupStub.operation(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
