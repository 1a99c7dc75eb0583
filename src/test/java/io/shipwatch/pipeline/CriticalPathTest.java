package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CriticalPathTest {
    private static final long S = 1_000_000_000L;

    /** "name parent start end" rows, in seconds; the span id is the name. */
    private static List<PipelineSpan> spans(String... rows) {
        List<PipelineSpan> result = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            result.add(new PipelineSpan("t", f[0], f[1].equals("-") ? null : f[1], f[0],
                    Long.parseLong(f[2]) * S, Long.parseLong(f[3]) * S, SpanStatus.OK, null, null, null));
        }
        return result;
    }

    static Stream<Arguments> traces() {
        return Stream.of(
                Arguments.of("one span is its own path and bottleneck",
                        spans("run - 0 10"), "run", "run"),
                Arguments.of("sequential steps: all on the path, the longest is the bottleneck",
                        spans("run - 0 20", "install run 0 2", "build run 2 5", "test run 5 20"),
                        "run install build test", "test"),
                Arguments.of("parallel jobs: only the last to finish is on the path",
                        spans("run - 0 60", "lint run 0 10", "unit run 0 25", "e2e run 0 60"),
                        "run e2e", "e2e"),
                Arguments.of("a job that needs another: the one that ended just before it started is on the path",
                        spans("run - 0 72", "pre run 0 25", "build run 0 36", "slow run 0 56", "main run 26 72"),
                        "run pre main", "main"),
                Arguments.of("queue time under a job is on the path and can be the bottleneck",
                        spans("run - 0 100", "job run 0 100", "queue job 0 70", "steps job 70 100"),
                        "run job queue steps", "queue"),
                Arguments.of("a gap no child covers stays with the parent",
                        spans("run - 0 75", "job run 0 75", "setup job 0 5", "step1 job 40 60", "step2 job 60 75"),
                        "run job setup step1 step2", "job"),
                Arguments.of("a child ending after its parent counts as ending with it",
                        spans("run - 0 10", "a run 0 4", "post run 4 12"),
                        "run a post", "post"),
                Arguments.of("nested steps: the path goes down to the innermost span that set the time",
                        spans("run - 0 30", "test run 0 30", "it test 5 28", "db it 5 8", "suite it 8 28"),
                        "run test it db suite", "suite"),
                Arguments.of("an orphan root in parallel with the main root is off the path",
                        spans("run - 0 30", "a run 0 30", "orphan missing 5 10"),
                        "run a", "a"),
                Arguments.of("two roots in sequence are both on the path",
                        spans("first - 0 10", "second - 12 30"),
                        "first second", "second"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void findsCriticalPathAndBottleneck(String title, List<PipelineSpan> spans, String path, String bottleneck) {
        RunAnalysis analysis = CriticalPath.analyze(spans);

        assertThat(analysis.criticalPath()).as("critical path").containsExactlyElementsOf(Arrays.asList(path.split(" ")));
        assertThat(analysis.bottleneck()).as("bottleneck").isEqualTo(bottleneck);
    }

    @Test
    void exclusiveTimeIsDurationLessChildrenCountingOverlapsOnce() {
        RunAnalysis analysis = CriticalPath.analyze(spans(
                "run - 0 100", "a run 10 40", "b run 30 50", "c run 90 120", "d a 10 20"));

        assertThat(analysis.exclusiveNanos()).containsEntry("run", (100 - 40 - 10) * S) // 10..50 and 90..100
                .containsEntry("a", 20 * S)
                .containsEntry("b", 20 * S)
                .containsEntry("c", 10 * S) // clipped to the run's end: 90..100
                .containsEntry("d", 10 * S);
    }

    @Test
    void criticalShareOfEachSpanAddsUpToTheRunsWallTime() {
        RunAnalysis analysis = CriticalPath.analyze(spans(
                "run - 0 72", "pre run 0 25", "build run 0 36", "main run 26 72", "s1 main 30 50", "s2 main 50 70"));

        assertThat(analysis.criticalNanos()).containsEntry("run", 1 * S).containsEntry("pre", 25 * S)
                .containsEntry("main", 6 * S).containsEntry("s1", 20 * S).containsEntry("s2", 20 * S);
        assertThat(analysis.criticalNanos().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(72 * S);
        assertThat(analysis.bottleneck()).isEqualTo("pre");
    }

    @Test
    void suiteRunningPastItsStepIsClippedAndItsOverhangNeverMakesItTheBottleneck() {
        // the step took 60 s; its report's suite says 150 s (forks in parallel), its middle case straddles the end
        RunAnalysis analysis = CriticalPath.analyze(spans(
                "run - 0 100", "build run 0 40", "tests run 40 100",
                "suite tests 40 190", "c1 suite 40 45", "c2 suite 45 180", "c3 suite 180 190"));

        assertThat(analysis.clipped()).containsOnly(
                entry("suite", new RunAnalysis.Clip(40 * S, 100 * S)),
                entry("c2", new RunAnalysis.Clip(45 * S, 100 * S)),
                entry("c3", new RunAnalysis.Clip(100 * S, 100 * S)));
        assertThat(analysis.criticalPath()).containsExactly("run", "build", "tests", "suite", "c1", "c2");
        assertThat(analysis.criticalNanos()).containsEntry("suite", 0L).containsEntry("c2", 55 * S);
        assertThat(analysis.bottleneck()).isEqualTo("c2");
        assertThat(analysis.exclusiveNanos()).containsEntry("suite", 0L).containsEntry("c3", 0L);
        assertThat(analysis.criticalNanos().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100 * S);
    }

    @Test
    void suitesLaidPastTheStepsEndAreOffThePathAndNeverTheBottleneck() {
        // three suites of 40 s each laid end to end under a 40 s step: the later two start at or after its end
        RunAnalysis analysis = CriticalPath.analyze(spans(
                "run - 0 60", "compile run 0 20", "tests run 20 60",
                "s1 tests 20 60", "s2 tests 60 100", "s3 tests 100 140"));

        assertThat(analysis.clipped()).containsOnly(
                entry("s2", new RunAnalysis.Clip(60 * S, 60 * S)),
                entry("s3", new RunAnalysis.Clip(60 * S, 60 * S)));
        assertThat(analysis.criticalPath()).containsExactly("run", "compile", "tests", "s1");
        assertThat(analysis.bottleneck()).isEqualTo("s1");
        assertThat(analysis.exclusiveNanos()).containsEntry("s2", 0L).containsEntry("s3", 0L);
    }

    @Test
    void spansInsideTheirParentAreNotClipped() {
        RunAnalysis analysis = CriticalPath.analyze(spans("run - 0 30", "a run 0 10", "b run 10 30", "c b 12 20"));

        assertThat(analysis.clipped()).isEmpty();
    }

    @Test
    void emptyTraceHasNoPathAndNoBottleneck() {
        RunAnalysis analysis = CriticalPath.analyze(List.of());

        assertThat(analysis.criticalPath()).isEmpty();
        assertThat(analysis.bottleneck()).isNull();
    }
}
