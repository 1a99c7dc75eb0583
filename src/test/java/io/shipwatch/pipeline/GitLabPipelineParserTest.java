package io.shipwatch.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
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

class GitLabPipelineParserTest {
    static JsonSource source(String file) {
        try (InputStream in = GitLabPipelineParserTest.class.getResourceAsStream("/pipeline/gitlab/" + file)) {
            return JsonSource.parse(file, in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<PipelineSpan> spans() {
        return GitLabPipelineParser.parse(source("pipeline-4242.json"), List.of(source("jobs-4242.json")));
    }

    @Test
    void stagesAndRunnerQueueGiveTheCriticalPathAndBottleneck() {
        List<PipelineSpan> spans = spans();
        Map<String, PipelineSpan> ids = spans.stream().collect(Collectors.toMap(PipelineSpan::spanId, Function.identity()));
        String trace = TraceIds.traceId("gitlab", "https://gitlab.example.com/acme/search", "4242", null);

        RunAnalysis analysis = CriticalPath.analyze(spans);

        assertThat(analysis.criticalPath()).extracting(id -> {
            PipelineSpan s = ids.get(id);
            return s.parentSpanId() == null || !ids.containsKey(s.parentSpanId()) ? s.name() : ids.get(s.parentSpanId()).name() + "/" + s.name();
        }).containsExactly("Merge request pipeline", "Merge request pipeline/compile", "compile/queued",
                "Merge request pipeline/unit", "unit/queued");
        assertThat(analysis.bottleneck()).isEqualTo(TraceIds.spanId(trace, "job", "9902"));
        assertThat(spans).allMatch(s -> s.traceId().equals(trace));
    }

    @Test
    void queueTimeIsTheRunnerWaitAndJobsThatNeverRanAreSkipped() {
        Map<String, PipelineSpan> byName = spans().stream().filter(s -> !s.name().equals("queued"))
                .collect(Collectors.toMap(PipelineSpan::name, Function.identity()));

        PipelineSpan unit = byName.get("unit");
        assertThat(unit.attributes()).containsEntry("shipwatch.queue.ms", 29_500L).containsEntry("shipwatch.stage", "test")
                .containsEntry("cicd.pipeline.task.run.result", "failure").containsEntry("cicd.worker.name", "shared-runner-2");
        assertThat(unit.statusMessage()).isEqualTo("status: failed (script_failure)");
        assertThat(unit.durationNanos()).isEqualTo(359_500_000_000L);
        PipelineSpan deploy = byName.get("deploy-review");
        assertThat(deploy.durationNanos()).isZero();
        assertThat(deploy.status()).isEqualTo(SpanStatus.UNSET);
        assertThat(deploy.attributes()).containsEntry("cicd.pipeline.task.run.result", "skip");
        PipelineSpan run = byName.get("Merge request pipeline");
        assertThat(run.attributes()).containsEntry("cicd.pipeline.result", "failure").containsEntry("vcs.ref.head.name", "feature/search")
                .containsEntry("cicd.pipeline.run.url.full", "https://gitlab.example.com/acme/search/-/pipelines/4242");
        assertThat(run.durationNanos()).isEqualTo(540_000_000_000L);
    }

    @Test
    void theLiveWrapperAndTheImportShareTheJobSpan() {
        String trace = TraceIds.traceId("gitlab", "https://gitlab.example.com/acme/search", "4242", null);

        assertThat(spans()).extracting(PipelineSpan::spanId).contains(TraceIds.spanId(trace, "job", "9901"));
    }

    @Test
    void aJobsAnswerThatIsNotAnArrayIsRefused() {
        JsonSource notArray = JsonSource.parse("jobs.json", "{\"jobs\":[]}".getBytes());

        assertThatThrownBy(() -> GitLabPipelineParser.parse(source("pipeline-4242.json"), List.of(notArray)))
                .hasMessage("jobs.json:1: is not a JSON array of jobs; save GET /projects/:id/pipelines/:pipeline_id/jobs unchanged");
    }

    @Test
    void jobsOfAnotherPipelineAreRefusedNamingBothFilesAndIds() {
        String other = source("pipeline-4242.json").root().toString().replace("\"id\":4242", "\"id\":4243").replace("/pipelines/4242", "/pipelines/4243");
        JsonSource pipeline = JsonSource.parse("pipeline-4243.json", other.getBytes(UTF_8));

        assertThatThrownBy(() -> GitLabPipelineParser.parse(pipeline, List.of(source("jobs-4242.json"))))
                .isInstanceOf(InputException.class)
                .hasMessage("jobs-4242.json: [0].pipeline.id: is job 9901 of pipeline 4242, but pipeline-4243.json is "
                        + "pipeline 4243; pass the jobs of the same pipeline: GET /projects/:id/pipelines/4243/jobs");
    }
}
