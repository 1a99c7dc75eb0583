package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shipwatch.loadtest.JMeterRuns;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class LoadtestCompareCommandTest {
    @TempDir
    Path temp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private String baseline;
    private String sameBuild;
    private String slowerCart;

    @BeforeEach
    void writeRuns() {
        baseline = JMeterRuns.write(temp.resolve("v1.jtl"), 1, 2000, null, 0).toString();
        sameBuild = JMeterRuns.write(temp.resolve("v1-again.jtl"), 2, 2000, null, 0).toString();
        slowerCart = JMeterRuns.write(temp.resolve("v2.jtl"), 3, 2000, "POST /cart", 25).toString();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(List.of(args));
        return LoadtestCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(all.toArray(String[]::new));
    }

    @Test
    void sameBuildPassesWithExit0() {
        assertThat(run("--baseline", baseline, "--candidate", sameBuild)).isEqualTo(0);
        assertThat(out.toString()).startsWith("Load test PASS: " + sameBuild + " against " + baseline);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void errorRateChangesAreInPercentagePointsOtherMetricsRelative() {
        assertThat(run("--baseline", baseline, "--candidate", slowerCart)).isEqualTo(1);
        List<String> errorRows = out.toString().lines().filter(l -> l.contains("errorRate")).toList();
        assertThat(errorRows).isNotEmpty().allSatisfy(l -> assertThat(l).containsPattern("[+-]\\d+\\.\\d\\d pp"));
        assertThat(out.toString().lines().filter(l -> l.startsWith("POST /cart") && l.contains(" mean ")))
                .singleElement().satisfies(l -> assertThat(l).containsPattern("\\+\\d+\\.\\d%").doesNotContain(" pp"));
    }

    @Test
    void slowerEndpointFailsWithExit1AndTheDocumentedJson() throws Exception {
        assertThat(run("--baseline", baseline, "--candidate", slowerCart, "--output", "json")).isEqualTo(1);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("result").asText()).isEqualTo("fail");
        for (JsonNode label : json.path("labels")) {
            String expected = label.path("label").asText().equals("POST /cart") ? "fail" : "pass";
            assertThat(label.path("result").asText()).as(label.path("label").asText()).isEqualTo(expected);
            JsonNode mean = label.path("metrics").get(0);
            assertThat(mean.path("metric").asText()).isEqualTo("mean");
            List<String> fields = new ArrayList<>();
            mean.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("metric", "baseline", "candidate", "change", "significant", "pValue",
                    "result", "reason");
        }
        JsonNode cartMean = null;
        for (JsonNode label : json.path("labels")) {
            if (label.path("label").asText().equals("POST /cart")) {
                cartMean = label.path("metrics").get(0);
            }
        }
        assertThat(cartMean.path("significant").asBoolean()).isTrue();
        assertThat(cartMean.path("candidate").asDouble() - cartMean.path("baseline").asDouble()).isBetween(20.0, 30.0);
    }

    @Test
    void junitHasOneTestPerLabelAndFailsTheSlowOne() throws Exception {
        assertThat(run("--baseline", baseline, "--candidate", slowerCart, "--output", "junit")).isEqualTo(1);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        assertThat(failures.item(0).getParentNode().getAttributes().getNamedItem("name").getNodeValue())
                .isEqualTo("POST /cart");
    }

    @Test
    void markdownAndWarnHandling() throws Exception {
        Path rules = Files.writeString(temp.resolve("rules.yaml"), "rules:\n  - {metric: mean, maxIncrease: 10%, level: warn}\n");

        assertThat(run("--baseline", baseline, "--candidate", slowerCart, "--rules", rules.toString(),
                "--output", "markdown")).isEqualTo(0);
        assertThat(out.toString()).startsWith("### ⚠️ Load test WARN").contains("| POST /cart | mean |");
        assertThat(run("--baseline", baseline, "--candidate", slowerCart, "--rules", rules.toString(),
                "--fail-on-warn")).isEqualTo(1);
    }

    @Test
    void medianOfSeveralBaselineRuns() {
        String third = JMeterRuns.write(temp.resolve("v1-third.jtl"), 4, 2000, null, 0).toString();

        assertThat(run("--baseline", baseline, "--baseline", sameBuild, "--baseline", third, "--candidate", slowerCart,
                "--output", "json")).isEqualTo(1);
        assertThat(out.toString()).contains("\"baseline\":\"median of 3 runs (" + baseline + " + ");
    }

    @Test
    void badInputIsOneLineWithExit2() throws Exception {
        Path rules = Files.writeString(temp.resolve("bad.yaml"), "rules:\n  - {metric: p95, maxIncrease: 10}\n");
        assertThat(run("--baseline", baseline, "--candidate", slowerCart, "--rules", rules.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(rules + ":2: '10' is not a limit; write it with a unit, such as 10% or "
                + "5ms or 1s\n");

        Path empty = Files.writeString(temp.resolve("empty.jtl"), "");
        assertThat(run("--baseline", baseline, "--candidate", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(empty + ": the file is empty; check that the load test ran and wrote its "
                + "results\n");

        assertThat(run("--baseline", baseline, "--candidate", sameBuild, "--confidence", "2")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--confidence: '2.0' is out of range; use 0.5 to 0.999, such as 0.95\n");

        assertThat(run("--candidate", sameBuild)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("Missing required option: '--baseline=FILE|RUN'; see 'loadtest compare --help'\n");
        assertThat(out.toString()).isEmpty();
    }
}
