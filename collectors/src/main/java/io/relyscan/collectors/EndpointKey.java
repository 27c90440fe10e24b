package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;

import java.util.Objects;
import java.util.Optional;

/**
 * One AWS endpoint as the resilience layer sees it: a service in an account and region. Each has its own
 * circuit breaker, rate limiter and telemetry.
 *
 * @param service the endpoint's service id: an {@link AwsService#id()}, or {@code sts} for the identity call
 */
record EndpointKey(String account, String region, String service) {
    static final String STS = "sts";
    /** Placeholder account of the identity call, made before the account is known. */
    static final String CALLER = "caller";

    EndpointKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
    }

    static EndpointKey of(String account, String region, AwsService service) {
        return new EndpointKey(account, region, service.id());
    }

    static EndpointKey sts(String region) {
        return new EndpointKey(CALLER, region, STS);
    }

    /** The inventory's service, absent for STS (which EndpointTelemetry cannot express). */
    Optional<AwsService> awsService() {
        return AwsService.fromId(service);
    }

    @Override
    public String toString() {
        return service + "@" + account + "/" + region;
    }
}
