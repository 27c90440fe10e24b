package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.inventory.TargetHealth;
import io.relyscan.core.scan.ScanOptions;
import io.relyscan.core.scan.ScanOrchestrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** ELBv2 (application, network) and classic load balancers, target groups and per-resource failures. */
// The SDK's consumer-builder varargs make javac warn about generic array creation.
@SuppressWarnings("unchecked")
class LoadBalancerCollectorsTest extends MotoTestBase {
    static Ec2Client ec2;
    static ElasticLoadBalancingV2Client elbv2;
    static ElasticLoadBalancingClient elb;
    static String vpcId;
    static String subnetA;
    static String subnetB;
    static String albArn;
    static String nlbArn;
    static String webTgArn;
    static String ipTgArn;
    static String instanceId;
    static String stoppedInstanceId;

    @BeforeAll
    static void createLoadBalancers() {
        ec2 = TestSessions.client(Ec2Client.builder(), endpoint());
        elbv2 = TestSessions.client(ElasticLoadBalancingV2Client.builder(), endpoint());
        elb = TestSessions.client(ElasticLoadBalancingClient.builder(), endpoint());
        vpcId = ec2.createVpc(b -> b.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        subnetA = ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.40.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        subnetB = ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.40.2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        instanceId = ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("t3.micro").minCount(1)
                .maxCount(1).subnetId(subnetA)).instances().get(0).instanceId();

        albArn = elbv2.createLoadBalancer(b -> b.name("web-alb").subnets(subnetA, subnetB)
                        .scheme("internet-facing").type(LoadBalancerTypeEnum.APPLICATION)
                        .tags(Tag.builder().key("env").value("prod").build()))
                .loadBalancers().get(0).loadBalancerArn();
        elbv2.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(albArn)
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));
        nlbArn = elbv2.createLoadBalancer(b -> b.name("tcp-nlb").subnets(subnetA, subnetB).scheme("internal")
                .type(LoadBalancerTypeEnum.NETWORK)).loadBalancers().get(0).loadBalancerArn();
        webTgArn = elbv2.createTargetGroup(b -> b.name("web-tg").protocol("HTTP").port(80).vpcId(vpcId)
                        .targetType("instance").tags(Tag.builder().key("app").value("web").build()))
                .targetGroups().get(0).targetGroupArn();
        ipTgArn = elbv2.createTargetGroup(b -> b.name("ip-tg").protocol("TCP").port(443).vpcId(vpcId)
                .targetType("ip")).targetGroups().get(0).targetGroupArn();
        elbv2.registerTargets(b -> b.targetGroupArn(webTgArn).targets(t -> t.id(instanceId).port(8080)));
        elbv2.modifyTargetGroupAttributes(b -> b.targetGroupArn(ipTgArn)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("0")));
        elbv2.createListener(b -> b.loadBalancerArn(albArn).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(webTgArn)));
        elbv2.createListener(b -> b.loadBalancerArn(nlbArn).protocol("TCP").port(443)
                .defaultActions(a -> a.type("forward").targetGroupArn(ipTgArn)));

        elb.createLoadBalancer(b -> b.loadBalancerName("classic-web").availabilityZones("us-east-1a", "us-east-1b")
                .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instanceProtocol("HTTP").instancePort(8080))
                .tags(t -> t.key("env").value("legacy")));
        elb.modifyLoadBalancerAttributes(b -> b.loadBalancerName("classic-web").loadBalancerAttributes(a -> a
                .crossZoneLoadBalancing(c -> c.enabled(true))
                .connectionDraining(c -> c.enabled(true).timeout(120))));
        stoppedInstanceId = ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("t3.micro").minCount(1)
                .maxCount(1).subnetId(subnetB)).instances().get(0).instanceId();
        ec2.stopInstances(b -> b.instanceIds(stoppedInstanceId));
        elb.registerInstancesWithLoadBalancer(b -> b.loadBalancerName("classic-web")
                .instances(i -> i.instanceId(instanceId), i -> i.instanceId(stoppedInstanceId)));
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        elbv2.close();
        elb.close();
    }

    @Test
    void elbv2_collectsBalancersAndTargetGroups_fieldByField() {
        RecordingSink sink = collect(AwsService.ELBV2);

        assertThat(sink.gaps).isEmpty();
        LoadBalancer alb = sink.one(LoadBalancer.class, "web-alb");
        assertThat(alb.arn()).isEqualTo(albArn);
        assertThat(alb.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(alb.region()).isEqualTo(TestSessions.REGION);
        assertThat(alb.type()).isEqualTo("application");
        assertThat(alb.scheme()).isEqualTo("internet-facing");
        assertThat(alb.state()).isEqualTo("active");
        assertThat(alb.availabilityZones()).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(alb.subnetIds()).containsExactlyInAnyOrder(subnetA, subnetB);
        assertThat(alb.attributes()).containsEntry("deletion_protection.enabled", "true")
                // moto reports cross-zone off even for ALBs (AWS has it always on).
                .containsEntry("load_balancing.cross_zone.enabled", "false");
        assertThat(alb.tags()).isEqualTo(Map.of("env", "prod"));
        assertThat(alb.service()).isEqualTo(AwsService.ELBV2);

        LoadBalancer nlb = sink.one(LoadBalancer.class, "tcp-nlb");
        assertThat(nlb.type()).isEqualTo("network");
        assertThat(nlb.scheme()).isEqualTo("internal");
        assertThat(nlb.attributes()).containsEntry("deletion_protection.enabled", "false");
        assertThat(nlb.tags()).isEmpty();

        TargetGroup web = sink.one(TargetGroup.class, "web-tg");
        assertThat(web.arn()).isEqualTo(webTgArn);
        assertThat(web.protocol()).isEqualTo("HTTP");
        assertThat(web.port()).isEqualTo(80);
        assertThat(web.targetType()).isEqualTo("instance");
        assertThat(web.loadBalancerArns()).containsExactly(albArn);
        assertThat(web.healthCheckEnabled()).isTrue();
        assertThat(web.targets()).containsExactly(new TargetHealth(instanceId, 8080, null, "healthy", null));
        assertThat(web.tags()).isEqualTo(Map.of("app", "web"));
        // moto's defaults, shaped like AWS's (which returns more keys, e.g. slow_start.duration_seconds).
        assertThat(web.attributes()).containsEntry("deregistration_delay.timeout_seconds", "300")
                .containsEntry("stickiness.enabled", "false")
                .containsEntry("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
        assertThat(alb.instanceHealth()).isNull();

        TargetGroup ip = sink.one(TargetGroup.class, "ip-tg");
        assertThat(ip.protocol()).isEqualTo("TCP");
        assertThat(ip.targetType()).isEqualTo("ip");
        assertThat(ip.loadBalancerArns()).containsExactly(nlbArn);
        assertThat(ip.targets()).isEmpty();
        assertThat(ip.attributes()).containsEntry("deregistration_delay.timeout_seconds", "0");
        assertThat(sink.all(LoadBalancer.class)).noneMatch(LoadBalancer::isClassic);
    }

    @Test
    void elb_collectsClassicBalancersWithFlattenedAttributes() {
        RecordingSink sink = collect(AwsService.ELB);

        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(LoadBalancer.class)).hasSize(1);
        LoadBalancer lb = sink.one(LoadBalancer.class, "classic-web");
        assertThat(lb.arn()).isEqualTo("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/classic-web");
        assertThat(lb.type()).isEqualTo(LoadBalancer.CLASSIC);
        assertThat(lb.isClassic()).isTrue();
        assertThat(lb.service()).isEqualTo(AwsService.ELB);
        assertThat(lb.scheme()).isEqualTo("internet-facing");
        assertThat(lb.state()).isNull();
        assertThat(lb.availabilityZones()).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(lb.attributes()).containsEntry("cross_zone.enabled", "true")
                .containsEntry("connection_draining.enabled", "true")
                .containsEntry("connection_draining.timeout", "120")
                .containsEntry("access_log.enabled", "false")
                .containsEntry("idle_timeout", "60");
        assertThat(lb.tags()).isEqualTo(Map.of("env", "legacy"));
        // moto derives the state from the instance (running: InService, stopped: OutOfService).
        assertThat(lb.instanceHealth()).extracting(TargetHealth::targetId, TargetHealth::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(instanceId, "InService"),
                        org.assertj.core.groups.Tuple.tuple(stoppedInstanceId, "OutOfService"));
        assertThat(lb.instanceHealth()).allSatisfy(h -> {
            assertThat(h.port()).isNull();
            assertThat(h.availabilityZone()).isNull();
        });
    }

    @Test
    void elb_whenInstanceHealthFails_reportsPartialAndLeavesHealthNull() {
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            overlay.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withRequestBody(containing("Action=DescribeInstanceHealth"))
                    .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
                            <Message>not authorized to perform elasticloadbalancing:DescribeInstanceHealth
                            </Message></Error><RequestId>r-2</RequestId></ErrorResponse>""")));
            try (AwsSession faulty = TestSessions.session(URI.create(overlay.baseUrl()), 2)) {
                Inventory inventory = new ScanOrchestrator(Clock.systemUTC(),
                        new ScanOptions(2, Duration.ofMinutes(1)))
                        .scan(List.of(TestSessions.SCOPE), faulty.collectors(Set.of(AwsService.ELB)),
                                faulty::telemetry);

                CoverageEntry entry = inventory.coverage().entry(TestSessions.SCOPE, AwsService.ELB);
                assertThat(entry.status()).isEqualTo(CollectionStatus.PARTIAL);
                assertThat(entry.gaps()).extracting(g -> g.operation() + ":" + g.reason())
                        .containsExactly("DescribeInstanceHealth:ACCESS_DENIED");
                LoadBalancer lb = inventory.all(LoadBalancer.class).get(0);
                assertThat(lb.instanceHealth()).isNull();
                assertThat(lb.attributes()).isNotNull();
            }
        } finally {
            overlay.stop();
        }
    }

    @Test
    void elb_cannedInstanceHealth_parsesStatesAndReasonCodes() {
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            // Shaped like the real API's answer for an instance failing its health check.
            overlay.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withRequestBody(containing("Action=DescribeInstanceHealth"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                            <DescribeInstanceHealthResponse
                                xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">
                              <DescribeInstanceHealthResult>
                                <InstanceStates>
                                  <member>
                                    <Description>Instance has failed at least the UnhealthyThreshold number of                             health checks consecutively.</Description>
                                    <InstanceId>i-0aaaaaaaaaaaaaaa1</InstanceId>
                                    <ReasonCode>Instance</ReasonCode>
                                    <State>OutOfService</State>
                                  </member>
                                  <member>
                                    <Description>N/A</Description>
                                    <InstanceId>i-0aaaaaaaaaaaaaaa2</InstanceId>
                                    <ReasonCode>N/A</ReasonCode>
                                    <State>InService</State>
                                  </member>
                                </InstanceStates>
                              </DescribeInstanceHealthResult>
                              <ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata>
                            </DescribeInstanceHealthResponse>""")));
            try (AwsSession session = TestSessions.session(URI.create(overlay.baseUrl()), 2)) {
                Inventory inventory = new ScanOrchestrator(Clock.systemUTC(),
                        new ScanOptions(2, Duration.ofMinutes(1)))
                        .scan(List.of(TestSessions.SCOPE), session.collectors(Set.of(AwsService.ELB)),
                                session::telemetry);

                assertThat(inventory.coverage().entry(TestSessions.SCOPE, AwsService.ELB).status())
                        .isEqualTo(CollectionStatus.COMPLETE);
                assertThat(inventory.all(LoadBalancer.class).get(0).instanceHealth()).containsExactly(
                        new TargetHealth("i-0aaaaaaaaaaaaaaa1", null, null, "OutOfService", "Instance"),
                        new TargetHealth("i-0aaaaaaaaaaaaaaa2", null, null, "InService", "N/A"));
            }
        } finally {
            overlay.stop();
        }
    }

    @Test
    void elbv2_whenPerResourceCallsFail_reportsPartialWithNullFieldsNotEmptyOnes() {
        WireMockServer overlay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        overlay.start();
        try {
            overlay.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(endpoint().toString())));
            overlay.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withRequestBody(containing("Action=DescribeLoadBalancerAttributes"))
                    .withRequestBody(containing("web-alb"))
                    .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
                            <Message>not authorized to perform elasticloadbalancing:DescribeLoadBalancerAttributes
                            </Message></Error><RequestId>r-1</RequestId></ErrorResponse>""")));
            overlay.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withRequestBody(containing("Action=DescribeTargetGroupAttributes"))
                    .withRequestBody(containing("web-tg"))
                    .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                            <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
                            <Message>not authorized to perform elasticloadbalancing:DescribeTargetGroupAttributes
                            </Message></Error><RequestId>r-4</RequestId></ErrorResponse>""")));
            overlay.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withRequestBody(containing("Action=DescribeTargetHealth"))
                    .willReturn(aResponse().withStatus(500).withBody("<html>boom</html>")));

            try (AwsSession faulty = TestSessions.session(URI.create(overlay.baseUrl()), 2)) {
                Inventory inventory = new ScanOrchestrator(Clock.systemUTC(),
                        new ScanOptions(2, Duration.ofMinutes(1)))
                        .scan(List.of(TestSessions.SCOPE), faulty.collectors(Set.of(AwsService.ELBV2)),
                                faulty::telemetry);

                CoverageEntry entry = inventory.coverage().entry(TestSessions.SCOPE, AwsService.ELBV2);
                assertThat(entry.status()).isEqualTo(CollectionStatus.PARTIAL);
                assertThat(entry.gaps()).extracting(g -> g.operation() + ":" + g.reason()).containsExactlyInAnyOrder(
                        "DescribeLoadBalancerAttributes:ACCESS_DENIED", "DescribeTargetHealth:SERVICE_ERROR",
                        "DescribeTargetGroupAttributes:ACCESS_DENIED");
                assertThat(entry.gaps()).filteredOn(g -> g.reason() == GapReason.SERVICE_ERROR).singleElement()
                        .satisfies(g -> assertThat(g.message()).startsWith("2 resources, first arn:aws:"));
                LoadBalancer alb = inventory.byArn(albArn, LoadBalancer.class).orElseThrow();
                assertThat(alb.attributes()).isNull();
                assertThat(inventory.byArn(nlbArn, LoadBalancer.class).orElseThrow().attributes()).isNotNull();
                assertThat(inventory.all(TargetGroup.class)).hasSize(2)
                        .allSatisfy(tg -> assertThat(tg.targets()).isNull());
                assertThat(inventory.byArn(webTgArn, TargetGroup.class).orElseThrow().attributes()).isNull();
                assertThat(inventory.byArn(ipTgArn, TargetGroup.class).orElseThrow().attributes()).isNotNull();
                assertThat(inventory.telemetry()).singleElement().satisfies(t -> {
                    assertThat(t.service()).isEqualTo(AwsService.ELBV2);
                    assertThat(t.errorsByKind()).containsEntry("ACCESS_DENIED", 2L)
                            .containsEntry("SERVICE_ERROR", 4L);
                });
            }
        } finally {
            overlay.stop();
        }
    }
}
