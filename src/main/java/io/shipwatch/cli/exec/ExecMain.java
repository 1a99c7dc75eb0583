package io.shipwatch.cli.exec;

import io.shipwatch.pipeline.TraceParent;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code shipwatch exec [--name NAME] [--attr KEY=VALUE]... -- CMD ARGS...}: runs a command as a span of the open
 * pipeline run and exits with its exit code. A separate, lean entry point: it parses its few flags by hand and loads
 * neither picocli, nor a JSON library, nor the OpenTelemetry SDK, so a JVM start per CI step stays cheap; the span
 * goes to the spool and leaves at {@code pipeline finish}.
 */
public final class ExecMain {
    static final String USAGE = "usage: shipwatch exec [--name NAME] [--attr KEY=VALUE]... -- CMD [ARGS...]";
    /** As a shell: the command was not found, or found but not runnable. */
    static final int NOT_FOUND = 127;
    static final int NOT_EXECUTABLE = 126;
    static final int USAGE_ERROR = 2;

    private final Map<String, String> env;
    private final PrintStream err;
    private final Spool spool;

    ExecMain(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
        this.spool = Spool.of(env);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the step in this process and returns the exit code to leave with. */
    public static int execute(String[] args) {
        return new ExecMain(System.getenv(), System.err).run(args, true);
    }

    /** Runs the step; returns the exit code to leave with. {@code forwardSignals} only in a process of its own. */
    int run(String[] args, boolean forwardSignals) {
        ExecArgs parsed;
        try {
            parsed = ExecArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("shipwatch exec: " + e.getMessage() + "; " + USAGE);
            return USAGE_ERROR;
        }
        if (parsed.help()) {
            System.out.println(USAGE + "\nRuns CMD as a span of the open pipeline run (TRACEPARENT, else the run "
                    + "'shipwatch pipeline start' opened) and exits with CMD's exit code (127: not found).");
            return 0;
        }
        Parent parent = parent();
        String spanId = newSpanId();
        String name = parsed.name() != null ? parsed.name() : String.join(" ", parsed.command());
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        long start = nowNanos();
        record("open", parent, spanId, name, start, null);

        Outcome outcome = runChild(parsed.command(), parent.traceId, spanId, forwardSignals);

        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("cicd.pipeline.task.name", name);
        attributes.put("cicd.pipeline.task.run.result", outcome.result);
        attributes.put("process.executable.name", executableName(parsed.command().get(0)));
        attributes.put("process.command_line", String.join(" ", parsed.command()));
        attributes.put("process.exit.code", (long) outcome.exitCode);
        attributes.putAll(parsed.attributes());
        record("span", parent, spanId, name, start, new End(nowNanos(), outcome, attributes));
        return outcome.exitCode;
    }

    private Outcome runChild(List<String> command, String traceId, String spanId, boolean forwardSignals) {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        // the environment-variable carrier: nested tools and nested exec calls become this span's children
        pb.environment().put("TRACEPARENT", new TraceParent(traceId, spanId, TraceParent.SAMPLED).format());
        pb.environment().put(Spool.ENV, spool.root().toString());
        if (forwardSignals) {
            Signals.install();
        }
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            boolean denied = why.contains("error=13");
            err.println("shipwatch exec: " + command.get(0) + ": " + (denied ? "permission denied" : "command not found"));
            return new Outcome(denied ? NOT_EXECUTABLE : NOT_FOUND, "error",
                    (denied ? "permission denied: " : "command not found: ") + command.get(0));
        }
        if (forwardSignals) {
            Signals.forwardTo(child);
        }
        int code;
        while (true) {
            try {
                code = child.waitFor();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keep waiting: the child decides when the step ends
            }
        }
        if (Signals.received() != null) {
            return new Outcome(code, "cancellation", "cancelled by SIG" + Signals.received());
        }
        return code == 0 ? new Outcome(0, "success", null) : new Outcome(code, "failure", "exit code " + code);
    }

    /** TRACEPARENT when it is valid; else the open run; else a new trace with this step as its root. */
    private Parent parent() {
        String header = env.get("TRACEPARENT");
        String problem = null;
        if (header != null && !header.isBlank()) {
            try {
                TraceParent p = TraceParent.parse(header);
                return new Parent(p.traceId(), p.spanId());
            } catch (IllegalArgumentException e) {
                problem = "TRACEPARENT '" + header + "' is malformed: " + e.getMessage();
            }
        }
        String[] current = null;
        try {
            current = spool.currentRun();
        } catch (IOException e) {
            // no readable open run: a trace of its own, as below
        }
        if (current != null) {
            if (problem != null) {
                err.println("shipwatch exec: warning: " + problem + "; recording the step under the open run " + current[0]);
            }
            return new Parent(current[0], current[1]);
        }
        String traceId = newSpanId() + newSpanId();
        err.println("shipwatch exec: warning: " + (problem != null ? problem : "no TRACEPARENT and no open run")
                + "; recording the step as a new trace " + traceId + "; run 'shipwatch pipeline start' first, "
                + "or export it with 'shipwatch pipeline finish --trace-id " + traceId + "'");
        return new Parent(traceId, null);
    }

    private void record(String type, Parent parent, String spanId, String name, long start, End end) {
        SpanLine line = SpanLine.of(type).field("traceId", parent.traceId).field("spanId", spanId)
                .field("parentSpanId", parent.spanId).field("name", name).field("start", start);
        if (end != null) {
            line.field("end", end.nanos).field("status", end.outcome.exitCode == 0 ? "ok" : "error")
                    .field("message", end.outcome.message).attributes(end.attributes);
        }
        try {
            spool.append(parent.traceId, line.build());
        } catch (IOException e) {
            // the step itself must not fail because tracing could not be written
            err.println("shipwatch exec: warning: cannot write to the spool " + spool.root() + ": " + e.getMessage()
                    + "; this step is not traced");
        }
    }

    private static String executableName(String command) {
        int slash = command.lastIndexOf('/');
        return slash < 0 ? command : command.substring(slash + 1);
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        String hex = Long.toHexString(id); // not String.format: java.util.Formatter is slow to load
        return "0".repeat(16 - hex.length()) + hex;
    }

    private record Parent(String traceId, String spanId) {
    }

    private record Outcome(int exitCode, String result, String message) {
    }

    private record End(long nanos, Outcome outcome, Map<String, Object> attributes) {
    }

    /** The parsed command line of {@code exec}. */
    record ExecArgs(String name, Map<String, String> attributes, List<String> command, boolean help) {
        static ExecArgs parse(String[] args) {
            String name = null;
            Map<String, String> attributes = new LinkedHashMap<>();
            int i = 0;
            while (i < args.length) {
                String a = args[i];
                if (a.equals("--")) {
                    i++;
                    break;
                }
                if (a.equals("-h") || a.equals("--help")) {
                    return new ExecArgs(null, Map.of(), List.of(), true);
                }
                if (!a.startsWith("-")) {
                    break;
                }
                String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (!flag.equals("--name") && !flag.equals("--attr")) {
                    throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
                String value;
                if (a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("option '" + flag + "' needs a value");
                }
                if (flag.equals("--name")) {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--name: the value is empty");
                    }
                    name = value;
                } else {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--attr: '" + value + "' is not KEY=VALUE");
                    }
                    attributes.put(value.substring(0, eq), value.substring(eq + 1));
                }
                i++;
            }
            List<String> command = new ArrayList<>(List.of(args).subList(i, args.length));
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no command given");
            }
            return new ExecArgs(name, attributes, command, false);
        }
    }
}
