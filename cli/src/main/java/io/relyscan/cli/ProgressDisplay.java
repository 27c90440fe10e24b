package io.relyscan.cli;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.ScanListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Shows a scan's collection progress: on a terminal, one status line on stderr redrawn a few times a second and
 * cleared at the end; otherwise an INFO log line every interval and one when collection ends. Driven by a daemon
 * timer thread that starts with collection and stops when it finishes or the display is closed, whichever comes
 * first.
 */
final class ProgressDisplay implements ScanListener, AutoCloseable {
    /** How progress is shown. */
    enum Mode {
        /** Nothing (--quiet). */
        OFF,
        /** A status line redrawn in place. */
        TERMINAL,
        /** Plain periodic log lines. */
        LOG
    }

    /** Runs a task every period on a background thread; the returned action stops it. */
    interface Timer {
        Runnable every(Duration period, Runnable task);
    }

    /** How often the terminal line is redrawn. */
    static final Duration REDRAW = Duration.ofMillis(250);
    /** The logger of the periodic lines: INFO even when the rest of relyscan logs only warnings. */
    static final String LOGGER = "io.relyscan.progress";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    /** Endpoint telemetry is read at most this often, as it copies every endpoint's statistics. */
    private static final long THROTTLES_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Mode mode;
    private final Duration logInterval;
    private final TerminalLine line;
    private final Consumer<String> log;
    private final Supplier<List<EndpointTelemetry>> telemetry;
    private final LongSupplier nanoTime;
    private final Timer timer;
    private final ScanProgress progress = new ScanProgress();

    private boolean running;
    private boolean stopped;
    private Runnable stopTimer = () -> { };
    private long startNanos;
    private long throttles;
    private long throttlesReadAt;
    private boolean throttlesRead;

    /**
     * @param line      where the status line goes (TERMINAL mode only, else may be null)
     * @param log       takes the periodic lines (LOG mode)
     * @param telemetry the resilience layer's statistics, for the throttle count; must be thread-safe
     */
    ProgressDisplay(Mode mode, Duration logInterval, TerminalLine line, Consumer<String> log,
                    Supplier<List<EndpointTelemetry>> telemetry, LongSupplier nanoTime, Timer timer) {
        if (mode == Mode.TERMINAL && line == null) {
            throw new IllegalArgumentException("a terminal display needs a terminal line");
        }
        this.mode = mode;
        this.logInterval = logInterval;
        this.line = line;
        this.log = log;
        this.telemetry = telemetry;
        this.nanoTime = nanoTime;
        this.timer = timer;
    }

    /** A display that shows nothing. */
    static ProgressDisplay off() {
        return new ProgressDisplay(Mode.OFF, Duration.ofSeconds(30), null, s -> { }, List::of, System::nanoTime,
                (period, task) -> () -> { });
    }

    /** Periodic lines logged at INFO on {@value #LOGGER}. */
    static Consumer<String> infoLog() {
        return LOG::info;
    }

    /** A daemon thread named relyscan-progress. */
    static Timer daemonTimer() {
        return (period, task) -> {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "relyscan-progress");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleAtFixedRate(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A failing redraw must not end the timer, let alone the scan.
                    LOG.debug("progress display failed", e);
                }
            }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
            return executor::shutdownNow;
        };
    }

    Mode mode() {
        return mode;
    }

    @Override
    public void started(List<ScanScope> scopes, int tasks) {
        progress.started(scopes, tasks);
        synchronized (this) {
            if (mode == Mode.OFF || running || stopped) {
                return;
            }
            running = true;
            startNanos = nanoTime.getAsLong();
            if (mode == Mode.TERMINAL) {
                line.activate();
                line.show(terminalText());
                stopTimer = timer.every(REDRAW, this::tick);
            } else {
                stopTimer = timer.every(logInterval, this::tick);
            }
        }
    }

    @Override
    public void taskFinished(ScanScope scope, AwsService service, CollectionStatus status, int resources) {
        progress.taskFinished(scope, service, status, resources);
    }

    @Override
    public void accountFinished(String account) {
        progress.accountFinished(account);
    }

    /** Collection ended: stops the timer, clears the status line or logs the final counts. */
    @Override
    public void finished() {
        stop(true);
    }

    /** Stops the timer and clears the status line, e.g. when the scan ends with an exception; idempotent. */
    @Override
    public void close() {
        stop(false);
    }

    /** One redraw or one periodic line; the timer calls it. */
    synchronized void tick() {
        if (!running || stopped) {
            return;
        }
        if (mode == Mode.TERMINAL) {
            line.show(terminalText());
        } else {
            log.accept("collecting: " + logText());
        }
    }

    private synchronized void stop(boolean collectionEnded) {
        if (stopped) {
            return;
        }
        stopped = true;
        stopTimer.run();
        if (!running) {
            return;
        }
        if (mode == Mode.TERMINAL) {
            line.clear();
            line.deactivate();
        } else if (collectionEnded) {
            throttlesRead = false;
            log.accept("collected: " + logText());
        }
    }

    /**
     * E.g. {@code [00:42] accounts 3/20 · regions 41/60 · services 350/540 · resources 12,345 · ...}; the accounts
     * are left out of a single-account scan.
     */
    private String terminalText() {
        ScanProgress.Counts c = progress.counts();
        return "[" + elapsed() + "] "
                + (c.accounts() == 1 ? "" : "accounts " + c.accountsDone() + "/" + c.accounts() + " \u00b7 ")
                + "regions " + c.regionsDone() + "/" + c.regions()
                + " \u00b7 services " + c.servicesDone() + "/" + c.services()
                + " \u00b7 resources " + grouped(c.resources())
                + " \u00b7 failed " + c.failed()
                + " \u00b7 throttles " + grouped(throttles());
    }

    /** E.g. {@code accounts 3/20, regions 41/60, services 350/540, resources 12345, ..., elapsed 00:42}. */
    private String logText() {
        ScanProgress.Counts c = progress.counts();
        return "accounts " + c.accountsDone() + "/" + c.accounts()
                + ", regions " + c.regionsDone() + "/" + c.regions()
                + ", services " + c.servicesDone() + "/" + c.services()
                + ", resources " + c.resources()
                + ", failed " + c.failed()
                + ", throttles " + throttles()
                + ", elapsed " + elapsed();
    }

    private long throttles() {
        long now = nanoTime.getAsLong();
        if (!throttlesRead || now - throttlesReadAt >= THROTTLES_EVERY_NANOS) {
            throttlesReadAt = now;
            throttlesRead = true;
            try {
                throttles = telemetry.get().stream().mapToLong(EndpointTelemetry::throttles).sum();
            } catch (RuntimeException e) {
                // A listener must not throw into the scan; the last count stands.
                LOG.debug("could not read the throttle count", e);
            }
        }
        return throttles;
    }

    private String elapsed() {
        long seconds = Duration.ofNanos(nanoTime.getAsLong() - startNanos).toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
