package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.testing.MotoServer;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/** moto_server on 127.0.0.1; every service the scanner reads is there (Backup selections via the overlay). */
final class MotoEmulator implements Emulator {
    /** moto maps any credentials it did not issue itself to this account. */
    static final String ACCOUNT = "123456789012";

    private final MotoServer server;

    private MotoEmulator(MotoServer server) {
        this.server = server;
    }

    static MotoEmulator start() {
        return new MotoEmulator(MotoServer.start());
    }

    @Override
    public String backend() {
        return "moto";
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public Set<AwsService> services() {
        return EnumSet.allOf(AwsService.class);
    }

    @Override
    public String account() {
        return ACCOUNT;
    }

    @Override
    public void reset() {
        server.reset();
    }

    @Override
    public void kill() {
        server.kill();
    }

    @Override
    public boolean isAlive() {
        return server.isAlive();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "moto_server pid " + server.pid() + " at " + server.endpoint();
    }
}
