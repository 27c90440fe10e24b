package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * LocalStack community through Testcontainers. Only EC2, CloudWatch and Config of the scanned services exist
 * in the community image (RDS, Auto Scaling, ELB and Backup are Pro-only), so {@link #services()} says so and
 * the scenario and assertions keep to those. 4.14.0 is the last tag that runs without an auth token.
 *
 * <p>This path needs a Docker engine and cannot run on machines without one; it is kept deliberately small.
 */
final class LocalStackEmulator implements Emulator {
    static final String IMAGE = "localstack/localstack:4.14.0";
    /** LocalStack's account for credentials whose access key is not a 12-digit number. */
    static final String ACCOUNT = "000000000000";

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static LocalStackEmulator start() {
        LocalStackContainer c = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices(LocalStackContainer.Service.EC2, LocalStackContainer.Service.CLOUDWATCH,
                        LocalStackContainer.Service.STS, LocalStackContainer.EnabledService.named("config"));
        c.start();
        return new LocalStackEmulator(c);
    }

    @Override
    public String backend() {
        return "localstack";
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public Set<AwsService> services() {
        return EnumSet.of(AwsService.EC2, AwsService.CLOUDWATCH, AwsService.CONFIG);
    }

    @Override
    public String account() {
        return ACCOUNT;
    }

    @Override
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/_localstack/state/reset").toURL()
                    .openConnection();
            c.setRequestMethod("POST");
            c.getResponseCode();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("LocalStack reset failed", e);
        }
    }

    @Override
    public void kill() {
        container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public boolean isAlive() {
        return container.isRunning();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return IMAGE + " at " + endpoint();
    }
}
