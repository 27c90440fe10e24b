package io.relyscan.collectors;

import java.util.Map;
import java.util.Objects;

/**
 * One AWS operation a session's SDK client sent, named as the SDK names it, e.g. service "ElasticLoadBalancingV2"
 * and operation "DescribeTargetHealth".
 *
 * @param service   the SDK's service name ({@code SdkExecutionAttribute.SERVICE_NAME})
 * @param operation the API operation name ({@code SdkExecutionAttribute.OPERATION_NAME})
 * @param attempts  how many times it went on the wire (every attempt, retries included)
 */
public record SentOperation(String service, String operation, long attempts) {
    /** The IAM action prefix of each SDK service a session builds a client for. */
    static final Map<String, String> IAM_PREFIXES = Map.ofEntries(
            Map.entry("Ec2", "ec2"),
            Map.entry("Rds", "rds"),
            Map.entry("AutoScaling", "autoscaling"),
            Map.entry("ElasticLoadBalancing", "elasticloadbalancing"),
            Map.entry("ElasticLoadBalancingV2", "elasticloadbalancing"),
            Map.entry("CloudWatch", "cloudwatch"),
            Map.entry("Backup", "backup"),
            Map.entry("Config", "config"),
            Map.entry("Sns", "sns"),
            Map.entry("Organizations", "organizations"),
            Map.entry("Sts", "sts"));

    public SentOperation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
    }

    /**
     * The IAM action that authorizes the operation, e.g. {@code elasticloadbalancing:DescribeTargetHealth}; for a
     * service relyscan has no prefix for, {@code unknown-service(NAME):Operation}, which no policy declares.
     */
    public String iamAction() {
        String prefix = IAM_PREFIXES.get(service);
        return (prefix == null ? "unknown-service(" + service + ")" : prefix) + ":" + operation;
    }

    /** Describe, List and Get operations only read. */
    public boolean readOnly() {
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get");
    }
}
