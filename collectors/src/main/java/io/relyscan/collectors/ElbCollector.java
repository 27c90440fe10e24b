package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import io.relyscan.core.inventory.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancing.model.AdditionalAttribute;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerAttributes;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancing.model.TagDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classic load balancers. Their nested attributes are flattened into ELBv2-style keys so that rules read both
 * kinds alike: {@code cross_zone.enabled}, {@code connection_draining.enabled},
 * {@code connection_draining.timeout}, {@code access_log.enabled}, {@code idle_timeout}, plus any
 * AdditionalAttributes under their own keys. The registered instances' health takes one DescribeInstanceHealth
 * call per load balancer (there is no bulk form); a failure leaves it null and the coverage PARTIAL. The calls
 * of different load balancers and tag batches run concurrently ({@link FanOut}).
 */
public final class ElbCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("elasticloadbalancing:DescribeInstanceHealth",
            "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeTags");
    static final int TAG_BATCH = 20;
    private static final int PAGE_SIZE = 400;

    ElbCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.ELB, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        ElasticLoadBalancingClient elb = clients.elb(scope.region());
        List<LoadBalancerDescription> lbs = new ArrayList<>();
        pages(key, "DescribeLoadBalancers", elb.describeLoadBalancersPaginator(b -> b.pageSize(PAGE_SIZE)),
                page -> lbs.addAll(page.loadBalancerDescriptions()));

        ResourceGaps gaps = new ResourceGaps();
        Map<String, Map<String, String>> tags = new HashMap<>();
        List<String> names = lbs.stream().map(LoadBalancerDescription::loadBalancerName).toList();
        perResource(batches(names, TAG_BATCH), gaps, (batch, batchGaps) -> {
            try {
                return call(key, "DescribeTags", () -> elb.describeTags(b -> b.loadBalancerNames(batch)))
                        .tagDescriptions();
            } catch (CollectionException e) {
                batchGaps.failed(batch.get(0) + (batch.size() > 1 ? " and " + (batch.size() - 1) + " more" : ""),
                        e);
                return List.<TagDescription>of();
            }
        }).forEach(described -> described.forEach(d -> tags.put(d.loadBalancerName(), toMap(d.tags(), Tag::key,
                Tag::value))));
        perResource(lbs, gaps, (lb, lbGaps) -> loadBalancer(scope, key, elb, lb, tags, lbGaps)).forEach(sink::add);
        gaps.flush(sink);
    }

    /** One load balancer with its attributes and its instances' health; a failed call leaves that field null. */
    private LoadBalancer loadBalancer(ScanScope scope, EndpointKey key, ElasticLoadBalancingClient elb,
                                      LoadBalancerDescription lb, Map<String, Map<String, String>> tags,
                                      ResourceGaps lbGaps) {
        String name = lb.loadBalancerName();
        Map<String, String> attributes = null;
        try {
            attributes = flatten(call(key, "DescribeLoadBalancerAttributes",
                    () -> elb.describeLoadBalancerAttributes(b -> b.loadBalancerName(name)))
                    .loadBalancerAttributes());
        } catch (CollectionException e) {
            lbGaps.failed(name, e);
        }
        List<TargetHealth> instanceHealth = null;
        try {
            List<InstanceState> states = call(key, "DescribeInstanceHealth",
                    () -> elb.describeInstanceHealth(b -> b.loadBalancerName(name))).instanceStates();
            instanceHealth = new ArrayList<>();
            for (InstanceState st : states) {
                if (st.instanceId() != null) {
                    instanceHealth.add(new TargetHealth(st.instanceId(), null, null, blankToNull(st.state()),
                            blankToNull(st.reasonCode())));
                }
            }
        } catch (CollectionException e) {
            lbGaps.failed(name, e);
        }
        return new LoadBalancer(Arns.of("elasticloadbalancing", scope.region(), scope.account(),
                "loadbalancer/" + name), scope.account(), scope.region(), name, LoadBalancer.CLASSIC,
                lb.scheme(), null, lb.availabilityZones(), lb.subnets(), attributes, instanceHealth,
                tags.getOrDefault(name, Map.of()));
    }

    static Map<String, String> flatten(LoadBalancerAttributes a) {
        Map<String, String> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        if (a.crossZoneLoadBalancing() != null) {
            put(out, "cross_zone.enabled", a.crossZoneLoadBalancing().enabled());
        }
        if (a.connectionDraining() != null) {
            put(out, "connection_draining.enabled", a.connectionDraining().enabled());
            put(out, "connection_draining.timeout", a.connectionDraining().timeout());
        }
        if (a.accessLog() != null) {
            put(out, "access_log.enabled", a.accessLog().enabled());
            put(out, "access_log.s3_bucket_name", a.accessLog().s3BucketName());
        }
        if (a.connectionSettings() != null) {
            put(out, "idle_timeout", a.connectionSettings().idleTimeout());
        }
        for (AdditionalAttribute extra : a.additionalAttributes()) {
            put(out, extra.key(), extra.value());
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, Object value) {
        if (key != null && value != null) {
            out.put(key, value.toString());
        }
    }
}
