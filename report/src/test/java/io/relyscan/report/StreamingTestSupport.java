package io.relyscan.report;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** For the tests that a reporter writes as it goes: a stream that records how it was written to, a big report. */
final class StreamingTestSupport {
    private StreamingTestSupport() {
    }

    /**
     * A report of {@code n} findings of one rule, every outcome and severity among them, with messages long
     * enough that the report is far larger than any one buffer.
     */
    static ScanReport manyFindings(int n) {
        InventoryFixture fixture = InventoryFixture.create();
        for (int i = 0; i < n; i++) {
            fixture.dbInstance(String.format("db-%05d-\u00e9t\u00e9-\uD83D\uDE80", i), db -> db.multiAz(false));
        }
        Inventory inv = fixture.build();
        RuleContext ctx = RuleContext.withDefaults(ReportFixtures.RDS_MULTI_AZ, inv);
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        for (DbInstance db : inv.all(DbInstance.class)) {
            String message = "single-AZ \u00fcber " + "because, \"quoted\" ".repeat(8) + i;
            findings.add(switch (i++ % 5) {
                case 0 -> ctx.on(db).pass(message);
                case 1 -> ctx.on(db).notApplicable(message);
                case 2 -> ctx.on(db).error(message);
                default -> ctx.on(db).fail(Severity.values()[i % Severity.values().length], message);
            });
        }
        return ScanReport.of("9.9.9", inv, List.of(ReportFixtures.RDS_MULTI_AZ), findings);
    }

    /**
     * Asserts that {@code reporter} writes the golden file's bytes (the same as {@code render}) to a stream in
     * more than one write, none larger than {@code largestWrite}, flushes last and leaves the stream open.
     */
    static void assertStreams(Reporter reporter, ScanReport report, String golden, int largestWrite)
            throws java.io.IOException {
        RecordingStream out = new RecordingStream();
        reporter.write(report, out);
        assertThat(out.bytes.toByteArray()).isEqualTo(reporter.render(report))
                .isEqualTo(java.nio.file.Files.readAllBytes(Golden.file(golden)));
        assertThat(out.bytes.size()).isGreaterThan(largestWrite);
        assertThat(out.largestWrite).isLessThanOrEqualTo(largestWrite);
        assertThat(out.writes).isGreaterThan(1);
        assertThat(out.flushedLast).isTrue();
        assertThat(out.closed).isFalse();
    }

    /** Records what a reporter does to the stream it writes to: each write's size, flushes, and close. */
    static final class RecordingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int largestWrite;
        boolean flushedLast;
        boolean closed;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (closed) {
                throw new IllegalStateException("written after close");
            }
            bytes.write(b, off, len);
            writes++;
            largestWrite = Math.max(largestWrite, len);
            flushedLast = false;
        }

        @Override
        public void flush() {
            flushedLast = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
