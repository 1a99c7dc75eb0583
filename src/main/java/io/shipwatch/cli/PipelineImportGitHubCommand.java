package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.pipeline.GitHubActionsRunParser;
import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.TraceExport;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.github.GitHubActionsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline import github}: a GitHub Actions run, from the REST API or from saved answers. */
@Command(name = "github",
        description = {"Import a GitHub Actions workflow run: from the REST API (--repo, --run-id, token from "
                + "GITHUB_TOKEN, API from GITHUB_API_URL) or from saved API answers (--file, twice: the run and its "
                + "jobs). Importing a run again overwrites the same spans; a re-run attempt is a new trace linked "
                + "to the previous one."})
final class PipelineImportGitHubCommand implements Callable<Integer> {
    @ParentCommand
    PipelineImportCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--repo", paramLabel = "OWNER/REPO", description = "The repository, e.g. acme/shop.")
    String repo;

    @Option(names = "--run-id", paramLabel = "N", description = "The workflow run's id (in its URL: /actions/runs/N).")
    String runId;

    @Option(names = "--attempt", paramLabel = "K", description = "The attempt. Default: the run's latest.")
    String attempt;

    @Option(names = "--file", paramLabel = "FILE", description = "A saved API answer: the run, and (again) its jobs "
            + "(one or more pages). Instead of --repo and --run-id.")
    List<Path> files = new ArrayList<>();

    @Mixin
    SpanExportOptions exportTo = new SpanExportOptions();

    @Override
    public Integer call() throws ApiException, IOException {
        var env = parent.parent.env();
        Problems problems = new Problems();
        if (files.isEmpty()) {
            if (repo == null || !repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
                problems.add("--repo", repo == null ? "is required without --file" : "'" + repo + "' is not OWNER/REPO",
                        "name the repository, e.g. --repo acme/shop, or pass --file");
            }
            if (runId == null || !runId.matches("\\d{1,20}")) {
                problems.add("--run-id", runId == null ? "is required without --file" : "'" + runId + "' is not a run id",
                        "use the number after /actions/runs/ in the run's URL");
            }
        } else if (repo != null || runId != null) {
            problems.add("--file", "given with --repo or --run-id", "use either saved answers or the API");
        }
        if (attempt != null && !attempt.matches("[1-9]\\d{0,8}")) {
            problems.add("--attempt", "'" + attempt + "' is not an attempt number", "use 1, 2, ...");
        }
        TraceExport.Destinations destinations = exportTo.destinations(env, problems);
        problems.throwIfAny();

        List<PipelineSpan> spans = files.isEmpty() ? fetch(env) : fromFiles();
        SpanExportOptions.exportImported(parent.parent.export(), spans, destinations, spec);
        return ExitCode.OK;
    }

    private List<PipelineSpan> fetch(java.util.Map<String, String> env) throws ApiException {
        String api = env.getOrDefault("GITHUB_API_URL", GitHubActionsClient.DEFAULT_API);
        String token = env.get("GITHUB_TOKEN");
        try {
            GitHubActionsClient.FetchedRun run = new GitHubActionsClient(URI.create(api),
                    token == null || token.isBlank() ? null : token.trim()).fetch(repo, runId, attempt);
            return GitHubActionsRunParser.parse(run.run(), run.jobs());
        } catch (ProviderException e) {
            throw new ApiException(e.retryable() ? ExitCode.UNREACHABLE : ExitCode.REFUSED, e.getMessage());
        }
    }

    private List<PipelineSpan> fromFiles() throws IOException {
        JsonSource run = null;
        List<JsonSource> jobs = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new InputException("--file", "'" + file + "' does not exist or is not a file", "pass a saved API answer");
            }
            JsonSource source = JsonSource.parse(file.toString(), Files.readAllBytes(file));
            if (source.root().has("jobs")) {
                jobs.add(source);
            } else if (source.root().has("run_attempt") || source.root().has("workflow_id")) {
                if (run != null) {
                    throw new InputException("--file", "two runs given: " + run.name() + " and " + file,
                            "import one run at a time");
                }
                run = source;
            } else {
                throw new InputException(file.toString(), "is neither a workflow run nor a jobs answer",
                        "save GET .../actions/runs/{id} and GET .../actions/runs/{id}/attempts/{n}/jobs");
            }
        }
        if (run == null || jobs.isEmpty()) {
            throw new InputException("--file", run == null ? "no workflow run among the files" : "no jobs answer among the files",
                    "pass both the run and its jobs: --file run.json --file jobs.json");
        }
        return GitHubActionsRunParser.parse(run, jobs);
    }
}
