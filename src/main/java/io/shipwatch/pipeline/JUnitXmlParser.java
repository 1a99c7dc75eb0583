package io.shipwatch.pipeline;

import io.shipwatch.core.InputException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JUnit XML reports: a {@code <testsuite>} root (Maven Surefire, Gradle) or {@code <testsuites>} (pytest, jest)
 * with {@code <testcase>} elements holding {@code <failure>}, {@code <error>}, {@code <skipped>}, and Surefire's rerun
 * elements: {@code flakyFailure}/{@code flakyError} (passed on a rerun) and {@code rerunFailure}/{@code rerunError}
 * (failed again). Malformed XML or a bad {@code time} fails with the file and line; no partial result. A negative
 * {@code time} (some runners write one when the clock steps back) counts as 0, with a warning naming the file and line.
 */
public final class JUnitXmlParser {
    private final String source;
    private final XMLStreamReader xml;
    private final Consumer<String> warnings;

    private JUnitXmlParser(String source, XMLStreamReader xml, Consumer<String> warnings) {
        this.source = source;
        this.xml = xml;
        this.warnings = warnings;
    }

    /** Reads one report; {@code warnings} gets one line per value read with a correction (a negative time as 0). */
    public static TestReport parse(String source, InputStream in, Consumer<String> warnings) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // reports are data: no DTDs, no external entities (XXE)
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            return new JUnitXmlParser(source, xml, warnings).report();
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            String reason = String.valueOf(e.getMessage()).replaceAll("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message:\\s*", "")
                    .replaceAll("\\s+", " ").trim();
            throw new InputException(line > 0 ? source + ":" + line : source, "malformed XML: " + reason,
                    "pass the JUnit XML report as the test runner wrote it");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing more to read
                }
            }
        }
    }

    private TestReport report() throws XMLStreamException {
        List<TestReport.Suite> suites = new ArrayList<>();
        boolean sawRoot = false;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String element = xml.getLocalName();
            if (!sawRoot && !element.equals("testsuites") && !element.equals("testsuite")) {
                throw new InputException(source + ":" + xml.getLocation().getLineNumber(), "the root element is <"
                        + element + ">, not <testsuite> or <testsuites>", "pass a JUnit XML report");
            }
            sawRoot = true;
            if (element.equals("testsuite")) {
                suites.add(suite());
            }
        }
        if (!sawRoot) {
            throw new InputException(source, "holds no XML element", "pass a JUnit XML report");
        }
        return new TestReport(source, suites);
    }

    /** Reads from a {@code <testsuite>} start to its end; nested suites (Gradle, jest) are flattened after it. */
    private TestReport.Suite suite() throws XMLStreamException {
        String name = attribute("name", "(unnamed suite)");
        long duration = seconds("time");
        List<TestReport.Case> cases = new ArrayList<>();
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("testcase")) {
                    cases.add(testCase());
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new TestReport.Suite(name, duration, cases);
    }

    private TestReport.Case testCase() throws XMLStreamException {
        String name = attribute("name", "(unnamed test)");
        String className = attribute("classname", null);
        long duration = seconds("time");
        TestReport.Outcome outcome = TestReport.Outcome.PASSED;
        String message = null;
        int reruns = 0;
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String child = xml.getLocalName();
                String text = xml.getAttributeValue(null, "message");
                switch (child) {
                    case "failure" -> outcome = TestReport.Outcome.FAILED;
                    case "error" -> outcome = outcome == TestReport.Outcome.FAILED ? outcome : TestReport.Outcome.ERROR;
                    case "skipped" -> outcome = TestReport.Outcome.SKIPPED;
                    case "flakyFailure", "flakyError" -> {
                        reruns++;
                        if (outcome == TestReport.Outcome.PASSED) {
                            outcome = TestReport.Outcome.FLAKY;
                        }
                    }
                    case "rerunFailure", "rerunError" -> reruns++;
                    default -> text = null;
                }
                if (message == null && text != null && !text.isBlank()) {
                    message = text.strip();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new TestReport.Case(name, className, duration, outcome, message, reruns);
    }

    private String attribute(String name, String fallback) {
        String v = xml.getAttributeValue(null, name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A {@code time} attribute in seconds ("0.046", "1,234.5" from some Gradle locales is refused) as nanoseconds. */
    private long seconds(String name) {
        String v = xml.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            BigDecimal s = new BigDecimal(v.trim());
            if (s.signum() < 0) {
                warnings.accept("warning: " + source + ":" + xml.getLocation().getLineNumber() + ": <"
                        + xml.getLocalName() + "> has " + name + "='" + v + "', counted as 0");
                return 0;
            }
            return s.movePointRight(9).longValue();
        } catch (NumberFormatException e) {
            throw new InputException(source + ":" + xml.getLocation().getLineNumber(), "<" + xml.getLocalName()
                    + "> has " + name + "='" + v + "', expected seconds such as 0.25", "pass the report unchanged");
        }
    }
}
