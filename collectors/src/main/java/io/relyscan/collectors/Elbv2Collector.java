package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.inventory.TargetHealth;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Application, network and gateway load balancers with their attributes and tags, and target groups with their
 * attributes and their registered targets' health. Attributes and target health have no bulk API, so they take
 * one call per load balancer or target group; a failure there leaves the field null and the coverage PARTIAL.
 * The per-resource calls of different load balancers, target groups and tag batches run concurrently
 * ({@link FanOut}).
 */
public final class Elbv2Collector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags",
            "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth");
    static final int TAG_BATCH = 20;
    private static final int PAGE_SIZE = 400;

    Elbv2Collector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.ELBV2, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        ElasticLoadBalancingV2Client elb = clients.elbv2(scope.region());
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> lbs = new ArrayList<>();
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> tgs = new ArrayList<>();
        Listings listings = listings(sink);
        listings.add(out -> pages(key, "DescribeLoadBalancers",
                elb.describeLoadBalancersPaginator(b -> b.pageSize(PAGE_SIZE)),
                page -> lbs.addAll(page.loadBalancers())));
        listings.add(out -> pages(key, "DescribeTargetGroups",
                elb.describeTargetGroupsPaginator(b -> b.pageSize(PAGE_SIZE)),
                page -> tgs.addAll(page.targetGroups())));
        listings.runQueued();
        listings.settle();

        ResourceGaps gaps = new ResourceGaps();
        List<String> arns = new ArrayList<>();
        lbs.forEach(lb -> arns.add(lb.loadBalancerArn()));
        tgs.forEach(tg -> arns.add(tg.targetGroupArn()));
        Map<String, Map<String, String>> tags = tags(key, elb, arns, gaps);

        List<Map<String, String>> lbAttributes = perResource(lbs, gaps, (lb, lbGaps) -> {
            try {
                return toMap(call(key, "DescribeLoadBalancerAttributes",
                        () -> elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(lb.loadBalancerArn())))
                        .attributes(), LoadBalancerAttribute::key, LoadBalancerAttribute::value);
            } catch (CollectionException e) {
                lbGaps.failed(lb.loadBalancerArn(), e);
                return null;
            }
        });
        for (int i = 0; i < lbs.size(); i++) {
            var lb = lbs.get(i);
            Map<String, String> attributes = lbAttributes.get(i);
            List<String> zones = new ArrayList<>();
            List<String> subnets = new ArrayList<>();
            lb.availabilityZones().forEach(z -> {
                if (z.zoneName() != null) {
                    zones.add(z.zoneName());
                }
                if (z.subnetId() != null) {
                    subnets.add(z.subnetId());
                }
            });
            sink.add(new LoadBalancer(lb.loadBalancerArn(), scope.account(), scope.region(), lb.loadBalancerName(),
                    lb.typeAsString(), lb.schemeAsString(), lb.state() == null ? null : lb.state().codeAsString(),
                    zones, subnets, attributes, null, tags.getOrDefault(lb.loadBalancerArn(), Map.of())));
        }
        perResource(tgs, gaps, (tg, tgGaps) -> targetGroup(scope, key, elb, tg, tags, tgGaps)).forEach(sink::add);
        gaps.flush(sink);
    }

    /** One target group with its targets' health and its attributes; a failed call leaves that field null. */
    private TargetGroup targetGroup(ScanScope scope, EndpointKey key, ElasticLoadBalancingV2Client elb,
                                    software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup tg,
                                    Map<String, Map<String, String>> tags, ResourceGaps tgGaps) {
        List<TargetHealth> targets = null;
        try {
            List<TargetHealthDescription> described = call(key, "DescribeTargetHealth",
                    () -> elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())))
                    .targetHealthDescriptions();
            targets = new ArrayList<>();
            for (TargetHealthDescription d : described) {
                if (d.target() == null || d.target().id() == null) {
                    continue;
                }
                var health = d.targetHealth();
                targets.add(new TargetHealth(d.target().id(), d.target().port(),
                        blankToNull(d.target().availabilityZone()),
                        health == null ? null : health.stateAsString(),
                        health == null ? null : health.reasonAsString()));
            }
        } catch (CollectionException e) {
            tgGaps.failed(tg.targetGroupArn(), e);
        }
        Map<String, String> attributes = null;
        try {
            attributes = toMap(call(key, "DescribeTargetGroupAttributes",
                    () -> elb.describeTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn())))
                    .attributes(), TargetGroupAttribute::key, TargetGroupAttribute::value);
        } catch (CollectionException e) {
            tgGaps.failed(tg.targetGroupArn(), e);
        }
        return new TargetGroup(tg.targetGroupArn(), scope.account(), scope.region(), tg.targetGroupName(),
                tg.protocolAsString(), tg.port(), tg.targetTypeAsString(), tg.loadBalancerArns(),
                tg.healthCheckEnabled(), targets, attributes, tags.getOrDefault(tg.targetGroupArn(), Map.of()));
    }

    private Map<String, Map<String, String>> tags(EndpointKey key, ElasticLoadBalancingV2Client elb, List<String> arns,
                                                  ResourceGaps gaps) {
        Map<String, Map<String, String>> out = new HashMap<>();
        perResource(batches(arns, TAG_BATCH), gaps, (batch, batchGaps) -> {
            try {
                return call(key, "DescribeTags", () -> elb.describeTags(b -> b.resourceArns(batch)))
                        .tagDescriptions();
            } catch (CollectionException e) {
                batchGaps.failed(batch.get(0) + (batch.size() > 1 ? " and " + (batch.size() - 1) + " more" : ""),
                        e);
                return List.<TagDescription>of();
            }
        }).forEach(described -> described.forEach(d -> out.put(d.resourceArn(), toMap(d.tags(), Tag::key,
                Tag::value))));
        return out;
    }
}
