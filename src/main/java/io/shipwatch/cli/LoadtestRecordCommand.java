package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch loadtest record}: stores a run on the server, as a baseline for later runs. */
@Command(name = "record",
        description = {"Store a load-test run on the Shipwatch server: its per-label summary, latency histograms and "
                + "test window. A passed run (the default status) is a baseline for 'loadtest compare --baseline "
                + "last-passed'. The files are read in full before anything is sent; prints the run's id."})
final class LoadtestRecordCommand implements Callable<Integer> {
    @ParentCommand
    LoadtestCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "passed",
            description = "passed, failed or unjudged. Default: ${DEFAULT-VALUE}.")
    String status;

    @Mixin
    FormatOption format = new FormatOption();

    @Mixin
    ServerOptions server = new ServerOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The run's result files; several files (one per "
            + "region or load generator, say) are merged into one run, and must then be raw per-request results of "
            + "one format.")
    List<Path> files;

    @Override
    public Integer call() throws ApiException {
        Problems problems = new Problems();
        run.validate(problems, true);
        RunStatus runStatus = null;
        try {
            runStatus = RunStatus.parse(status, "--status");
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
        }
        ApiClient client = server.client(parent.env(), problems);
        problems.throwIfAny();
        LoadTestResult result = LoadTestParsers.readRun(files, format.format(), format.timestampFormat());
        LoadTestRun saved = new LoadtestServer(client).record(new LoadTestRun(null, run.service, run.scenario,
                run.version, runStatus, null, result, List.of()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(saved.id());
        out.flush();
        return ExitCode.OK;
    }
}
