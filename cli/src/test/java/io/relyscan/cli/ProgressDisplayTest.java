package io.relyscan.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.ScanListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressDisplayTest {
    private static final String CLEAR = TerminalLine.CLEAR_TO_END;
    private static final ScanScope A_EAST = new ScanScope("111111111111", "us-east-1");
    private static final ScanScope A_WEST = new ScanScope("111111111111", "us-west-2");
    private static final ScanScope B_EAST = new ScanScope("222222222222", "us-east-1");

    /** A timer that never fires by itself: the test ticks the display. */
    private static final class FakeTimer implements ProgressDisplay.Timer {
        final List<Duration> periods = new ArrayList<>();
        int stopped;

        @Override
        public Runnable every(Duration period, Runnable task) {
            periods.add(period);
            return () -> stopped++;
        }
    }

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(terminal, true, StandardCharsets.UTF_8);
    private final List<String> logged = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong throttles = new AtomicLong(1);
    private final FakeTimer timer = new FakeTimer();

    private ProgressDisplay display(ProgressDisplay.Mode mode, int columns) {
        return new ProgressDisplay(mode, Duration.ofSeconds(30), new TerminalLine(err, columns), logged::add,
                () -> List.of(telemetry(A_EAST, AwsService.EC2, throttles.get() - 1), telemetry(A_WEST,
                        AwsService.RDS, 1)), nanos::get, timer);
    }

    private static EndpointTelemetry telemetry(ScanScope scope, AwsService service, long throttles) {
        return new EndpointTelemetry(scope.account(), scope.region(), service, 10, 10, 0, throttles, null, null, 5);
    }

    private String written() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    /** Two accounts, three regions, two services each: six collections. */
    private static void start(ProgressDisplay d) {
        d.started(List.of(A_EAST, A_WEST, B_EAST), 6);
    }

    /** Account A finished (both its regions), one of B's two services: one failed, 42 resources. */
    private static void collectSome(ScanListener d) {
        d.taskFinished(A_EAST, AwsService.EC2, CollectionStatus.COMPLETE, 30);
        d.taskFinished(A_EAST, AwsService.RDS, CollectionStatus.PARTIAL, 2);
        d.taskFinished(A_WEST, AwsService.EC2, CollectionStatus.FAILED, 0);
        d.taskFinished(A_WEST, AwsService.RDS, CollectionStatus.COMPLETE, 10);
        d.accountFinished("111111111111");
        d.taskFinished(B_EAST, AwsService.EC2, CollectionStatus.COMPLETE, 0);
    }

    @Test
    void terminal_drawsTheCountsOnOneLineInPlace_andClearsItWhenCollectionEnds() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 200);
        start(d);
        assertThat(timer.periods).containsExactly(ProgressDisplay.REDRAW);
        assertThat(written()).isEqualTo("\r[00:00] accounts 0/2 \u00b7 regions 0/3 \u00b7 services 0/6 \u00b7 "
                + "resources 0 \u00b7 failed 0 \u00b7 throttles 1" + CLEAR);

        collectSome(d);
        throttles.set(1_234);
        nanos.addAndGet(Duration.ofSeconds(62).toNanos());
        terminal.reset();
        d.tick();
        assertThat(written()).isEqualTo("\r[01:02] accounts 1/2 \u00b7 regions 2/3 \u00b7 services 5/6 \u00b7 "
                + "resources 42 \u00b7 failed 1 \u00b7 throttles 1,234" + CLEAR);
        assertThat(logged).isEmpty();

        terminal.reset();
        d.finished();
        assertThat(written()).as("the line is cleared").isEqualTo("\r" + CLEAR);
        assertThat(timer.stopped).isEqualTo(1);
        terminal.reset();
        d.tick();
        d.close();
        assertThat(written()).as("nothing after the end").isEmpty();
        assertThat(timer.stopped).isEqualTo(1);
        assertThat(logged).isEmpty();
    }

    @Test
    void terminal_cutsTheLineToTheTerminalWidth_soItNeverWraps() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 40);
        start(d);
        String drawn = written().substring(1, written().length() - CLEAR.length());
        assertThat(drawn).hasSize(39).isEqualTo("[00:00] accounts 0/2 \u00b7 regions 0/3 \u00b7 se");
    }

    @Test
    void terminal_leavesTheAccountsOutOfASingleAccountScan() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 200);
        d.started(List.of(A_EAST, A_WEST), 4);
        assertThat(written()).isEqualTo("\r[00:00] regions 0/2 \u00b7 services 0/4 \u00b7 resources 0 \u00b7 failed 0 "
                + "\u00b7 throttles 1" + CLEAR);
    }

    @Test
    void terminal_elapsedTimeShowsHoursOnceAnHourHasPassed() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 200);
        start(d);
        nanos.addAndGet(Duration.ofSeconds(3 * 3600 + 5 * 60 + 7).toNanos());
        terminal.reset();
        d.tick();
        assertThat(written()).startsWith("\r[3:05:07] accounts");
    }

    @Test
    void log_writesAPlainLineEveryInterval_andOneWhenCollectionEnds() {
        ProgressDisplay d = display(ProgressDisplay.Mode.LOG, 200);
        start(d);
        assertThat(timer.periods).containsExactly(Duration.ofSeconds(30));
        assertThat(logged).as("nothing before the first interval").isEmpty();
        collectSome(d);
        throttles.set(17);
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        d.tick();
        d.taskFinished(B_EAST, AwsService.RDS, CollectionStatus.COMPLETE, 8);
        d.accountFinished("222222222222");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        d.finished();
        assertThat(logged).containsExactly(
                "collecting: accounts 1/2, regions 2/3, services 5/6, resources 42, failed 1, throttles 17, "
                        + "elapsed 00:30",
                "collected: accounts 2/2, regions 3/3, services 6/6, resources 50, failed 1, throttles 17, "
                        + "elapsed 00:35");
        assertThat(written()).as("no terminal control output").isEmpty();
        assertThat(timer.stopped).isEqualTo(1);
    }

    @Test
    void log_closedWithoutCollectionEnding_stopsTheTimerWithoutAFinalLine() {
        ProgressDisplay d = display(ProgressDisplay.Mode.LOG, 200);
        start(d);
        d.close();
        d.tick();
        d.finished();
        assertThat(logged).isEmpty();
        assertThat(timer.stopped).isEqualTo(1);
    }

    @Test
    void terminal_closedOnAnException_clearsTheLineAndStopsTheTimer() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 200);
        start(d);
        terminal.reset();
        d.close();
        assertThat(written()).isEqualTo("\r" + CLEAR);
        assertThat(timer.stopped).isEqualTo(1);
    }

    @Test
    void closedBeforeCollectionStarted_neverStartsTheTimer() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 200);
        d.close();
        start(d);
        d.tick();
        assertThat(timer.periods).isEmpty();
        assertThat(written()).isEmpty();
    }

    @Test
    void off_showsAndLogsNothing() {
        ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.OFF, Duration.ofSeconds(30),
                new TerminalLine(err, 80), logged::add, List::of, nanos::get, timer);
        start(d);
        collectSome(d);
        d.tick();
        d.finished();
        d.close();
        assertThat(timer.periods).isEmpty();
        assertThat(logged).isEmpty();
        assertThat(written()).isEmpty();
    }

    @Test
    void aThrowingTelemetrySource_doesNotReachTheScan() {
        ProgressDisplay d = new ProgressDisplay(ProgressDisplay.Mode.LOG, Duration.ofSeconds(30), null,
                logged::add, () -> {
                    throw new IllegalStateException("boom");
                }, nanos::get, timer);
        start(d);
        d.finished();
        assertThat(logged).singleElement().asString().contains("throttles 0");
    }

    @Test
    void logLinesWrittenWhileTheStatusLineIsShown_goAroundIt() {
        ProgressDisplay d = display(ProgressDisplay.Mode.TERMINAL, 200);
        start(d);
        String status = "[00:00] accounts 0/2 \u00b7 regions 0/3 \u00b7 services 0/6 \u00b7 resources 0 \u00b7 "
                + "failed 0 \u00b7 throttles 1";
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        StatusLineAwareAppender<ILoggingEvent> appender = new StatusLineAwareAppender<>();
        appender.setContext(context);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        appender.setOutputStream(err);
        ch.qos.logback.classic.Logger logger = context.getLogger("test");
        logger.addAppender(appender);
        try {
            terminal.reset();
            logger.warn("ec2 in 111111111111/us-east-1: DescribeInstances failed: THROTTLED");
            assertThat(written()).isEqualTo("\r" + CLEAR
                    + "WARN  ec2 in 111111111111/us-east-1: DescribeInstances failed: THROTTLED"
                    + System.lineSeparator() + "\r" + status + CLEAR);

            d.finished();
            terminal.reset();
            logger.warn("after");
            assertThat(written()).as("no status line to go around once it is cleared")
                    .isEqualTo("WARN  after" + System.lineSeparator());
        } finally {
            d.close();
            appender.stop();
        }
    }

    @Test
    void scanProgress_countsARegionDoneWhenAllItsServicesEnded() {
        ScanProgress p = new ScanProgress();
        p.started(List.of(A_EAST, A_WEST, B_EAST), 6);
        assertThat(p.counts()).isEqualTo(new ScanProgress.Counts(0, 2, 0, 3, 0, 6, 0, 0));
        collectSome(p);
        assertThat(p.counts()).isEqualTo(new ScanProgress.Counts(1, 2, 2, 3, 5, 6, 42, 1));
    }
}
