package io.shipwatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.ci.CiContext;
import io.shipwatch.cli.exec.Spool;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.json.Json;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.pipeline.TraceParent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline start}: opens the run's root span and hands its context to the later steps. */
@Command(name = "start",
        description = {"Open a pipeline run: prints TRACEPARENT=... (the run's root span), appends it and "
                + "SHIPWATCH_SPOOL to $GITHUB_ENV when set, and writes them to a dotenv file for other CIs. In CI the "
                + "trace id is derived from the provider, repository, run id and attempt, so an import of the same "
                + "run lands in the same trace. On GitHub, set SHIPWATCH_JOB_ID to $${{ job.check_run_id }} so that the "
                + "job's span is the one imports and workflow_job webhooks make."})
final class PipelineStartCommand implements Callable<Integer> {
    static final String DEFAULT_DOTENV = ".shipwatch/pipeline.env";

    @ParentCommand
    PipelineCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--name", paramLabel = "NAME", description = "The pipeline's name. Default: the CI's workflow or pipeline name.")
    String name;

    @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "An attribute on the run's span; repeat for more.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--spool", paramLabel = "DIR", description = "Where the run waits for 'finish'. Default: $SHIPWATCH_SPOOL, "
            + "else $RUNNER_TEMP/shipwatch, else shipwatch-spool in the temporary folder.")
    Path spoolDir;

    @Option(names = "--dotenv", paramLabel = "FILE", description = "Dotenv file to write TRACEPARENT and SHIPWATCH_SPOOL to "
            + "(GitLab: artifacts:reports:dotenv). Default: " + DEFAULT_DOTENV + ".")
    Path dotenv = Path.of(DEFAULT_DOTENV);

    @Override
    public Integer call() throws IOException {
        Problems problems = new Problems();
        if (name != null && name.isBlank()) {
            problems.add("--name", "the value is empty", "give one such as build-and-test");
        }
        attributes.keySet().stream().filter(String::isBlank).findFirst().ifPresent(k ->
                problems.add("--attr", "an attribute has an empty key", "use KEY=VALUE, e.g. --attr team=payments"));
        GitHubOutput githubEnv = GitHubOutput.env(parent.env());
        githubEnv.check(problems);
        problems.throwIfAny();

        CiContext ci = parent.ci();
        Spool spool = parent.spool(spoolDir);
        ObjectNode root = rootSpan(ci);
        String traceId = root.path("traceId").asText();
        String spanId = root.path("spanId").asText();
        String[] open = spool.currentRun();
        if (open != null && !open[0].equals(traceId)) {
            spec.commandLine().getErr().println("shipwatch pipeline start: warning: run " + open[0] + " was still open; "
                    + "it stays in the spool, export it with 'shipwatch pipeline finish --trace-id " + open[0] + "'");
        }
        if (!Files.isRegularFile(SpooledRun.runFile(spool, traceId))) { // a retried start step keeps the first start
            SpooledRun.writeRoot(spool, root);
        }
        spool.setCurrentRun(traceId, spanId);

        String traceparent = new TraceParent(traceId, spanId, TraceParent.SAMPLED).format();
        githubEnv.append("TRACEPARENT", traceparent);
        githubEnv.append(Spool.ENV, spool.root().toString());
        writeDotenv(traceparent, spool);
        PrintWriter out = spec.commandLine().getOut();
        out.println("TRACEPARENT=" + traceparent);
        out.flush();
        return ExitCode.OK;
    }

    /**
     * In a CI job, the job's span (a child of the run's span, which an import or another job provides); else the
     * run's own span. Retried runs (attempt 2 and on) link to the previous attempt's run span.
     */
    private ObjectNode rootSpan(CiContext ci) {
        boolean deterministic = ci.inCi() && ci.runId() != null;
        String traceId = deterministic
                ? TraceIds.traceId(ci.provider(), ci.repositoryUrl(), ci.runId(), ci.runAttempt())
                : UUID.randomUUID().toString().replace("-", "");
        String job = ci.jobId() != null ? ci.jobId() : ci.jobName();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("traceId", traceId);
        if (deterministic && job != null) {
            root.put("spanId", TraceIds.spanId(traceId, "job", job));
            root.put("parentSpanId", TraceIds.runSpanId(traceId));
        } else {
            root.put("spanId", TraceIds.runSpanId(traceId));
        }
        String pipeline = name != null ? name.trim() : ci.pipelineName() != null ? ci.pipelineName() : "pipeline";
        root.put("name", deterministic && job != null ? ci.jobName() != null ? ci.jobName() : job : pipeline);
        root.put("start", parent.nowNanos());
        ObjectNode attrs = root.putObject("attributes");
        ci.attributes().forEach(attrs::put);
        attrs.put("cicd.pipeline.name", pipeline);
        if (ci.provider() != null) {
            attrs.put("shipwatch.ci.provider", ci.provider());
        }
        if (ci.runAttempt() != null) {
            attrs.put("shipwatch.run.attempt", ci.runAttempt());
        }
        attributes.forEach((k, v) -> attrs.put(k.trim(), v));
        previousAttempt(ci).ifPresent(previous -> {
            ObjectNode link = root.putArray("links").addObject();
            link.put("traceId", previous);
            link.put("spanId", TraceIds.runSpanId(previous));
        });
        return root;
    }

    private static java.util.Optional<String> previousAttempt(CiContext ci) {
        if (!ci.inCi() || ci.runId() == null || ci.runAttempt() == null || !ci.runAttempt().matches("\\d{1,9}")) {
            return java.util.Optional.empty();
        }
        int attempt = Integer.parseInt(ci.runAttempt());
        return attempt < 2 ? java.util.Optional.empty() : java.util.Optional.of(
                TraceIds.traceId(ci.provider(), ci.repositoryUrl(), ci.runId(), String.valueOf(attempt - 1)));
    }

    private void writeDotenv(String traceparent, Spool spool) {
        try {
            Path file = dotenv.toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, "TRACEPARENT=" + traceparent + "\n" + Spool.ENV + "=" + spool.root() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("--dotenv", "cannot write '" + dotenv + "' (" + e.getMessage() + ")",
                    "pass a writable path; the run is open, TRACEPARENT is printed above");
        }
    }
}
