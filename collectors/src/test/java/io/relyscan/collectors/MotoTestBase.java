package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.scan.Collector;
import io.relyscan.core.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.util.Set;

/** One moto_server per test class, and a session pointed at it. */
abstract class MotoTestBase {
    static MotoServer moto;
    static AwsSession session;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        session = TestSessions.session(moto.endpoint());
    }

    @AfterAll
    static void stopMoto() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (moto != null) {
            moto.close();
            moto = null;
        }
    }

    static URI endpoint() {
        return moto.endpoint();
    }

    static RecordingSink collect(AwsService service) {
        Collector collector = session.collectors(Set.of(service)).get(0);
        RecordingSink sink = new RecordingSink();
        collector.collect(TestSessions.SCOPE, sink);
        return sink;
    }
}
