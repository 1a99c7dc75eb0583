package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GitHubActionsRunParserTest {
    static final String DIR = "/pipeline/github/";

    static JsonSource source(String file) {
        try (InputStream in = GitHubActionsRunParserTest.class.getResourceAsStream(DIR + file)) {
            return JsonSource.parse(file, in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<PipelineSpan> attempt(int n) {
        return GitHubActionsRunParser.parse(source("run-555-attempt-" + n + ".json"),
                List.of(source("jobs-555-attempt-" + n + ".json")));
    }

    private static Map<String, PipelineSpan> byPath(List<PipelineSpan> spans) {
        Map<String, PipelineSpan> ids = spans.stream().collect(Collectors.toMap(PipelineSpan::spanId, Function.identity()));
        return spans.stream().collect(Collectors.toMap(s -> s.parentSpanId() == null || !ids.containsKey(s.parentSpanId())
                ? s.name() : ids.get(s.parentSpanId()).name() + "/" + s.name(), Function.identity()));
    }

    @Test
    void parallelJobsGiveTheCriticalPathThroughTheNeededJobAndTheSlowestStepAsBottleneck() {
        List<PipelineSpan> spans = attempt(1);
        Map<String, PipelineSpan> s = byPath(spans);

        RunAnalysis analysis = CriticalPath.analyze(spans);

        assertThat(analysis.criticalPath()).containsExactly(
                s.get("CI").spanId(), s.get("CI/build").spanId(), s.get("build/queued").spanId(),
                s.get("build/runner setup").spanId(), s.get("build/Set up job").spanId(), s.get("build/Compile").spanId(),
                s.get("build/Complete job").spanId(), s.get("CI/test").spanId(), s.get("test/queued").spanId(),
                s.get("test/Set up job").spanId(), s.get("test/Run integration tests").spanId(),
                s.get("test/Complete job").spanId());
        assertThat(analysis.bottleneck()).isEqualTo(s.get("test/Run integration tests").spanId());
        assertThat(analysis.criticalNanos().get(s.get("test/queued").spanId())).isEqualTo(39_000_000_000L);
    }

    @Test
    void runJobAndStepSpansCarryTheCiCdAttributesAndResults() {
        List<PipelineSpan> spans = attempt(1);
        Map<String, PipelineSpan> s = byPath(spans);
        String traceId = TraceIds.traceId("github", "https://github.com/acme/shop", "555", "1");

        assertThat(spans).allMatch(span -> span.traceId().equals(traceId));
        PipelineSpan run = s.get("CI");
        assertThat(run.spanId()).isEqualTo(TraceIds.runSpanId(traceId));
        assertThat(run.status()).isEqualTo(SpanStatus.ERROR);
        assertThat(run.attributes()).containsEntry("cicd.pipeline.result", "failure")
                .containsEntry("cicd.pipeline.run.id", "555").containsEntry("vcs.change.id", "77")
                .containsEntry("vcs.ref.head.name", "feature/faster-tests").containsEntry("shipwatch.run.attempt", "1");
        assertThat(run.links()).isEmpty();
        assertThat(run.endNanos() - run.startNanos()).isEqualTo(600_000_000_000L);
        PipelineSpan test = s.get("CI/test");
        assertThat(test.spanId()).isEqualTo(TraceIds.spanId(traceId, "job", "9004"));
        assertThat(test.attributes()).containsEntry("shipwatch.queue.ms", 39_000L)
                .containsEntry("cicd.pipeline.task.run.result", "failure").containsEntry("cicd.worker.name", "GitHub Actions 103");
        assertThat(s.get("CI/docs").attributes()).containsEntry("cicd.pipeline.task.run.result", "skip");
        assertThat(s.get("CI/docs").status()).isEqualTo(SpanStatus.UNSET);
        PipelineSpan upload = s.get("test/Upload report");
        assertThat(upload.durationNanos()).isZero(); // completed_at one second before started_at, clamped
        assertThat(upload.attributes()).containsEntry("cicd.pipeline.task.run.result", "skip");
        assertThat(s.get("test/Run integration tests").statusMessage()).isEqualTo("conclusion: failure");
        assertThat(s.get("build/runner setup").durationNanos()).isEqualTo(6_000_000_000L);
        assertThat(s).doesNotContainKey("test/runner setup"); // its first step started with the job
    }

    @Test
    void parsingTwiceGivesTheSameIdsAndAttemptTwoIsANewTraceLinkedToTheFirst() {
        List<PipelineSpan> first = attempt(1);
        List<PipelineSpan> again = attempt(1);
        List<PipelineSpan> second = attempt(2);

        assertThat(again).isEqualTo(first);
        assertThat(second.get(0).traceId()).isNotEqualTo(first.get(0).traceId());
        assertThat(second.get(0).links()).containsExactly(new SpanLink(first.get(0).traceId(), first.get(0).spanId()));
    }

    @Test
    void jobsSplitOverPagesGiveTheSameSpans() {
        List<PipelineSpan> paged = GitHubActionsRunParser.parse(source("run-555-attempt-1.json"),
                List.of(source("jobs-555-attempt-1-page-1.json"), source("jobs-555-attempt-1-page-2.json")));

        assertThat(paged).containsExactlyInAnyOrderElementsOf(attempt(1));
    }

    @Test
    void malformedJsonNamesTheFileAndLine() {
        assertThatThrownBy(() -> source("run-broken.json"))
                .isInstanceOf(InputException.class)
                .hasMessage("run-broken.json:6: malformed JSON: Unexpected character ('\"' (code 34)): was expecting "
                        + "comma to separate Object entries; save the API's answer unchanged");
    }

    @Test
    void aJobsAnswerWithoutJobsOrAJobWithoutIdIsRefusedNamingTheField() {
        JsonSource run = source("run-555-attempt-1.json");
        JsonSource notJobs = JsonSource.parse("jobs.json", "{\"total_count\":1}".getBytes());
        JsonSource noId = JsonSource.parse("jobs.json", "{\"jobs\":[{\"name\":\"x\"}]}".getBytes());

        assertThatThrownBy(() -> GitHubActionsRunParser.parse(run, List.of(notJobs)))
                .hasMessage("jobs.json: jobs: is missing or not an array; pass the answer of GET .../actions/runs/{id}/attempts/{n}/jobs");
        assertThatThrownBy(() -> GitHubActionsRunParser.parse(run, List.of(noId)))
                .hasMessage("jobs.json: jobs[0].id: is missing; save the API's whole answer");
    }

    @Test
    void jobsOfAnotherAttemptOrRunAreRefusedNamingBothFilesAndIds() {
        assertThatThrownBy(() -> GitHubActionsRunParser.parse(source("run-555-attempt-2.json"),
                List.of(source("jobs-555-attempt-1.json"))))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("jobs-555-attempt-1.json: jobs[0].run_attempt: is job ")
                .hasMessageContaining(" of run 555 attempt 1, but run-555-attempt-2.json is run 555 attempt 2; pass the "
                        + "jobs of the same run: GET /repos/{owner}/{repo}/actions/runs/555/attempts/2/jobs");
        String otherRun = source("run-555-attempt-1.json").root().toString().replace("\"id\":555", "\"id\":556");

        assertThatThrownBy(() -> GitHubActionsRunParser.parse(JsonSource.parse("run-556.json", otherRun.getBytes()),
                List.of(source("jobs-555-attempt-1.json"))))
                .hasMessageStartingWith("jobs-555-attempt-1.json: jobs[0].run_id: is job ")
                .hasMessageEndingWith(" of run 555 attempt 1, but run-556.json is run 556 attempt 1; pass the jobs of the "
                        + "same run: GET /repos/{owner}/{repo}/actions/runs/556/attempts/1/jobs");
    }
}
