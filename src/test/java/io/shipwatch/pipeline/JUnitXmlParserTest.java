package io.shipwatch.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.TestReport.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JUnitXmlParserTest {
    static final long MS = 1_000_000L;

    static TestReport report(String file) {
        try (InputStream in = JUnitXmlParserTest.class.getResourceAsStream("/pipeline/junit/" + file)) {
            return JUnitXmlParser.parse(file, in, w -> {
                throw new AssertionError("unexpected warning: " + w);
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void surefireKeepsFlakyRerunsVisibleAndFailedRerunsCounted() {
        TestReport r = report("TEST-com.acme.CartTest.xml");

        assertThat(r.suites()).hasSize(1);
        TestReport.Suite suite = r.suites().get(0);
        assertThat(suite.name()).isEqualTo("com.acme.CartTest");
        assertThat(suite.durationNanos()).isEqualTo(1250 * MS);
        assertThat(suite.cases()).containsExactly(
                new TestReport.Case("addsItem", "com.acme.CartTest", 120 * MS, Outcome.PASSED, null, 0),
                new TestReport.Case("checkoutIsRetried", "com.acme.CartTest", 400 * MS, Outcome.FLAKY, "timeout after 200 ms", 1),
                new TestReport.Case("totalsWithTax", "com.acme.CartTest", 600 * MS, Outcome.FAILED,
                        "expected: <10.70> but was: <10.07>", 2),
                new TestReport.Case("legacyCoupons", "com.acme.CartTest", 0, Outcome.SKIPPED, "coupons v1 are gone", 0));
    }

    @Test
    void pytestSkipsAndSetupErrors() {
        TestReport.Suite suite = report("pytest.xml").suites().get(0);

        assertThat(suite.name()).isEqualTo("pytest");
        assertThat(suite.cases()).extracting(TestReport.Case::outcome)
                .containsExactly(Outcome.PASSED, Outcome.PASSED, Outcome.SKIPPED, Outcome.ERROR);
        assertThat(suite.cases().get(3).message()).isEqualTo("failed on setup with \"ConnectionError\"");
        assertThat(suite.cases().get(1).name()).isEqualTo("test_ranking[fuzzy]");
    }

    @Test
    void jestFailuresWithoutMessage() {
        TestReport.Suite suite = report("jest.xml").suites().get(0);

        assertThat(suite.name()).isEqualTo("src/cart.test.js");
        assertThat(suite.cases()).extracting(TestReport.Case::outcome).containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.PASSED);
        assertThat(suite.cases().get(1).message()).isNull();
    }

    @Test
    void truncatedXmlNamesFileAndLine() {
        assertThatThrownBy(() -> report("truncated.xml")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("truncated.xml:6: malformed XML: ")
                .hasMessageEndingWith("; pass the JUnit XML report as the test runner wrote it");
    }

    @Test
    void aTimeThatIsNotSecondsNamesFileAndLine() {
        assertThatThrownBy(() -> report("bad-time.xml"))
                .hasMessage("bad-time.xml:3: <testcase> has time='fast', expected seconds such as 0.25; pass the report unchanged");
    }

    @Test
    void aNegativeTimeCountsAsZeroWithAWarningNamingFileAndLine() {
        String xml = """
                <testsuite name="com.acme.ClockTest" time="-0.002">
                  <testcase name="ok" classname="com.acme.ClockTest" time="0.25"/>
                  <testcase name="stepped" classname="com.acme.ClockTest" time="-1.5"/>
                </testsuite>
                """;
        List<String> warnings = new ArrayList<>();

        TestReport r = JUnitXmlParser.parse("TEST-clock.xml", new ByteArrayInputStream(xml.getBytes(UTF_8)), warnings::add);

        assertThat(r.suites().get(0).durationNanos()).isZero();
        assertThat(r.suites().get(0).cases()).extracting(TestReport.Case::durationNanos).containsExactly(250 * MS, 0L);
        assertThat(warnings).containsExactly(
                "warning: TEST-clock.xml:1: <testsuite> has time='-0.002', counted as 0",
                "warning: TEST-clock.xml:3: <testcase> has time='-1.5', counted as 0");
    }

    @Test
    void anotherXmlDocumentIsRefused() {
        assertThatThrownBy(() -> JUnitXmlParser.parse("pom.xml", new ByteArrayInputStream("<project/>".getBytes()), w -> { }))
                .hasMessage("pom.xml:1: the root element is <project>, not <testsuite> or <testsuites>; pass a JUnit XML report");
    }

    @Test
    void spansHangUnderTheStepEndToEndWithStableIds() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        List<TestReport> reports = List.of(report("TEST-com.acme.CartTest.xml"), report("jest.xml"));

        List<PipelineSpan> spans = TestSpans.of(reports, trace, "00000000000000a1", 1000 * MS);

        Map<String, PipelineSpan> byName = spans.stream().collect(Collectors.toMap(PipelineSpan::name, Function.identity()));
        PipelineSpan cart = byName.get("com.acme.CartTest");
        assertThat(cart.parentSpanId()).isEqualTo("00000000000000a1");
        assertThat(cart.startNanos()).isEqualTo(1000 * MS);
        assertThat(cart.durationNanos()).isEqualTo(1250 * MS);
        assertThat(cart.status()).isEqualTo(SpanStatus.ERROR);
        assertThat(cart.attributes()).containsEntry("shipwatch.test.flaky", 1L).containsEntry("test.suite.run.status", "failure");
        PipelineSpan jest = byName.get("src/cart.test.js");
        assertThat(jest.startNanos()).isEqualTo(2250 * MS);
        PipelineSpan flaky = byName.get("com.acme.CartTest.checkoutIsRetried");
        assertThat(flaky.parentSpanId()).isEqualTo(cart.spanId());
        assertThat(flaky.status()).isEqualTo(SpanStatus.OK);
        assertThat(flaky.attributes()).containsEntry("shipwatch.test.flaky", true).containsEntry("shipwatch.test.reruns", 1L)
                .containsEntry("test.case.result.status", "pass").containsEntry("shipwatch.span.type", "test");
        assertThat(flaky.startNanos()).isEqualTo(1120 * MS);
        PipelineSpan failed = byName.get("com.acme.CartTest.totalsWithTax");
        assertThat(failed.statusMessage()).isEqualTo("expected: <10.70> but was: <10.07>");
        assertThat(failed.attributes()).containsEntry("shipwatch.test.reruns", 2L);
        assertThat(byName.get("cart › totals").attributes()).containsEntry("test.case.name", "cart › totals");
        assertThat(byName.get("cart › discounts.applies 10%").statusMessage()).isEqualTo("failed");
        assertThat(byName.get("com.acme.CartTest.legacyCoupons").status()).isEqualTo(SpanStatus.UNSET);
        assertThat(TestSpans.of(reports, trace, "00000000000000a1", 1000 * MS)).isEqualTo(spans);
    }
}
