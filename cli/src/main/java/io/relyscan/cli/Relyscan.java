package io.relyscan.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.relyscan.cli.config.FileProblems;
import io.relyscan.core.error.InputException;
import io.relyscan.core.error.RelyscanException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;

/** The relyscan command line, runnable in-process: {@link #run} returns the exit code instead of exiting. */
@Command(name = "relyscan", mixinStandardHelpOptions = true, versionProvider = Relyscan.Version.class,
        description = {"Scan live AWS accounts for reliability risks and report them with evidence."},
        footer = {"", "Exit codes: 0 clean, 1 failing findings at or above --fail-on "
                + "(with --baseline: NEW failing findings only), 2 usage or input error, "
                + "3 scan incomplete. When several apply, 2 wins over 3, and 3 over 1."})
public final class Relyscan implements Runnable {
    private final CliEnvironment cli;

    private Relyscan(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: scan, evaluate, "
                + "merge, rules or iam-policy");
    }

    /**
     * Runs relyscan with the given streams and environment variables.
     *
     * @return the process exit code (see {@link ExitCode})
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        configureLogging(verbose);
        CliEnvironment cli = new CliEnvironment(out, err, env, out == System.out && System.console() != null);
        CommandLine cmd = new CommandLine(new Relyscan(cli))
                .addSubcommand(new ScanCommand(cli))
                .addSubcommand(new EvaluateCommand(cli))
                .addSubcommand(new MergeCommand(cli))
                .addSubcommand(new RulesCommand(cli))
                .addSubcommand(new IamPolicyCommand(cli));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("relyscan: error: " + oneLine(ex.getMessage()) + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            return ExitCode.USAGE.code();
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> handle(ex, err, verbose));
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int handle(Exception ex, PrintStream err, boolean verbose) {
        ExitCode code;
        String prefix;
        if (ex instanceof InputException) {
            code = ExitCode.USAGE;
            prefix = "relyscan: error: ";
        } else if (ex instanceof RelyscanException) {
            code = ExitCode.INCOMPLETE;
            prefix = "relyscan: scan failed: ";
        } else {
            code = ExitCode.INCOMPLETE;
            prefix = "relyscan: internal error: " + ex.getClass().getSimpleName() + ": ";
        }
        if (ex instanceof FileProblems problems) {
            // several problems of one file: one line each, so that each names its own line and field
            err.println(prefix + oneLine(problems.summary()));
            problems.problems().forEach(p -> err.println("  " + oneLine(p)));
        } else {
            err.println(prefix + oneLine(ex.getMessage()));
        }
        if (verbose) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof InputException)) {
            err.println("Run with --verbose for details.");
        }
        return code.code();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.replaceAll("[\\r\\n]+", " ").trim();
    }

    private static void configureLogging(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger relyscan = context.getLogger("io.relyscan");
        if (!verbose) {
            relyscan.setLevel(Level.WARN);
        } else if (relyscan.getEffectiveLevel().isGreaterOrEqual(Level.DEBUG)) {
            // --verbose means at least DEBUG; a logging configuration asking for TRACE keeps it
            relyscan.setLevel(Level.DEBUG);
        }
    }

    /** Prints the version Maven recorded at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"relyscan " + ToolVersion.get()};
        }
    }
}
