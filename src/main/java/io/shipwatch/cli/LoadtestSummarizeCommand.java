package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shipwatch.core.InputException;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.SummaryReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shipwatch loadtest summarize}: per-label and total statistics of result files. */
@Command(name = "summarize",
        description = {"Print count, errors, error rate, throughput, mean, min, max and the p50/p90/p95/p99 "
                + "latencies of each label and in total. Raw per-request files (JMeter CSV/XML, k6 JSON/CSV, Gatling "
                + "simulation.log) are read in full with nearest-rank percentiles; reports (k6 summaries, Locust CSV, "
                + "Gatling and JMeter dashboard JSON) give the tool's own numbers."})
final class LoadtestSummarizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Result files; .gz is read too.")
    List<Path> files;

    @Mixin
    FormatOption format = new FormatOption();

    @Option(names = "--output", paramLabel = "OUTPUT", defaultValue = "table",
            description = "table, json or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--p999", description = "Also show the 99.9th percentile.")
    boolean p999;

    @Override
    public Integer call() {
        if (!List.of("table", "json", "markdown").contains(output)) {
            throw new InputException("--output", "unknown output '" + output + "'", "use table, json or markdown");
        }
        List<LoadTestResult> results = new ArrayList<>();
        for (Path file : files) {
            results.add(LoadTestParsers.read(file, format.format(), format.timestampFormat()));
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case "json" -> out.println(json(results));
            case "markdown" -> results.forEach(r -> out.println(SummaryReport.markdown(r, p999)));
            default -> results.forEach(r -> out.println(SummaryReport.table(r, p999)));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** One object for one file, an array for several. */
    private JsonNode json(List<LoadTestResult> results) {
        if (results.size() == 1) {
            return SummaryReport.json(results.get(0), p999);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        results.forEach(r -> array.add(SummaryReport.json(r, p999)));
        return array;
    }
}
