package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import org.testcontainers.DockerClientFactory;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * An AWS emulator the end-to-end tests create resources in and scan. Chosen by the environment variable
 * {@code RELYSCAN_E2E_BACKEND}:
 * <ul>
 *   <li>{@code moto} (the default): a {@code moto_server} process on a free 127.0.0.1 port;</li>
 *   <li>{@code localstack}: {@code localstack/localstack:4.14.0} through Testcontainers, only where a Docker
 *   engine answers; otherwise one line says so and moto is used. The community image lacks RDS, Auto
 *   Scaling, ELB and Backup, so the scenario and the assertions shrink to {@link #services()}.</li>
 * </ul>
 */
public interface Emulator extends AutoCloseable {
    String BACKEND_VARIABLE = "RELYSCAN_E2E_BACKEND";

    /** "moto" or "localstack". */
    String backend();

    /** Where AWS SDK clients (or the overlay) send requests. */
    URI endpoint();

    /** The services this backend implements well enough for the scenario and the scanner. */
    Set<AwsService> services();

    default boolean supports(AwsService service) {
        return services().contains(service);
    }

    /** The account every request with the tests' credentials lands in. */
    String account();

    /** Forgets every resource in every account and region. */
    void reset();

    /** Ends the emulator at once, as a crash would. */
    void kill();

    boolean isAlive();

    @Override
    void close();

    /** Starts the backend the environment asks for. */
    static Emulator start() {
        String wanted = System.getenv(BACKEND_VARIABLE);
        String backend = wanted == null || wanted.isBlank() ? "moto" : wanted.trim().toLowerCase(Locale.ROOT);
        switch (backend) {
            case "moto":
                return MotoEmulator.start();
            case "localstack":
                if (dockerAvailable()) {
                    return LocalStackEmulator.start();
                }
                System.out.println(BACKEND_VARIABLE
                        + "=localstack requested but no Docker engine is available; running against moto_server");
                return MotoEmulator.start();
            default:
                throw new IllegalStateException(BACKEND_VARIABLE + " must be 'moto' or 'localstack', not '"
                        + wanted + "'");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
