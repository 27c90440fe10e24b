package io.relyscan.collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An audit of the AWS operations a run sent, for whoever wants to check what relyscan called: when the system
 * property {@value #PROPERTY} names a file, each session appends one line per operation to it when it closes,
 * {@code service<TAB>operation<TAB>attempts<TAB>iam-action}, e.g.
 * {@code Ec2	DescribeInstances	2	ec2:DescribeInstances}. Set it with
 * {@code RELYSCAN_JAVA_OPTS=-Drelyscan.operationLog=FILE ./relyscan scan ...}.
 */
public final class OperationLog {
    public static final String PROPERTY = "relyscan.operationLog";
    private static final Logger LOG = LoggerFactory.getLogger(OperationLog.class);

    private OperationLog() {
    }

    /** Appends the operations to the file the property names, if it names one; a failure is only logged. */
    static synchronized void appendIfRequested(List<SentOperation> sent) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank() || sent.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        sent.forEach(s -> lines.append(format(s)).append('\n'));
        try {
            Files.writeString(Path.of(file.strip()), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot append the operation log {}: {}", file, MessageScrubber.scrub(e.getMessage()));
        }
    }

    static String format(SentOperation s) {
        return s.service() + "\t" + s.operation() + "\t" + s.attempts() + "\t" + s.iamAction();
    }

    /** Reads one line written by this log. */
    public static SentOperation parse(String line) {
        String[] fields = line.split("\t");
        if (fields.length < 3) {
            throw new IllegalArgumentException("not an operation log line: " + line);
        }
        return new SentOperation(fields[0], fields[1], Long.parseLong(fields[2]));
    }
}
