package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.loadtest.CompareRules;
import io.shipwatch.loadtest.ComparisonOutput;
import io.shipwatch.loadtest.ComparisonReport;
import io.shipwatch.loadtest.Level;
import io.shipwatch.loadtest.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a verdict shared by 'loadtest compare' and 'loadtest run': rules, confidence, output, exit code. */
final class VerdictOptions {
    /** The candidate broke a fail rule (or a warn rule with --fail-on-warn). */
    static final int FAILED = 1;

    @Option(names = "--rules", paramLabel = "FILE", description = "YAML rules; see 'loadtest compare --help'.")
    Path rules;

    @Option(names = "--output", paramLabel = "OUTPUT", defaultValue = "table",
            description = "table, json, junit or markdown. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
            description = "Confidence of the significance test, 0.5 to 0.999. Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--fail-on-warn", description = "Exit 1 on a warning too.")
    boolean failOnWarn;

    @Option(names = "--no-promote", description = "With a baseline from the server: record a passing candidate as "
            + "unjudged, so it does not become the next baseline.")
    boolean noPromote;

    /** Checks the options and reads the rules (the defaults without --rules). */
    List<Rule> rules() {
        if (!List.of("table", "json", "junit", "markdown").contains(output)) {
            throw new InputException("--output", "unknown output '" + output + "'", "use table, json, junit or markdown");
        }
        if (!(confidence >= 0.5 && confidence <= 0.999)) {
            throw new InputException("--confidence", "'" + confidence + "' is out of range", "use 0.5 to 0.999, "
                    + "such as 0.95");
        }
        return rules == null ? CompareRules.defaults() : CompareRules.parse(read(rules), rules.toString());
    }

    /** Prints the report in the chosen output and returns the exit code. */
    int print(ComparisonReport report, PrintWriter out) {
        out.print(switch (output) {
            case "json" -> ComparisonOutput.json(report).toString() + "\n";
            case "junit" -> ComparisonOutput.junit(report);
            case "markdown" -> ComparisonOutput.markdown(report);
            default -> ComparisonOutput.table(report);
        });
        out.flush();
        boolean failed = report.result() == Level.FAIL || failOnWarn && report.result() == Level.WARN;
        return failed ? FAILED : ExitCode.OK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException("--rules", "no such file " + file, "give the path of a rules YAML file");
        } catch (IOException e) {
            throw new InputException("--rules", "cannot read " + file + " (" + e.getMessage() + ")", null);
        }
    }
}
