package io.shipwatch.app;

import io.shipwatch.pipeline.JUnitXmlParser;
import io.shipwatch.pipeline.TestReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo's JUnit reports, written as Maven Surefire writes them and read back through the real parser, so demo
 * test spans have exactly the shape {@code shipwatch pipeline import junit} gives.
 */
final class DemoTestReports {
    /**
     * One test class: its name, how many cases, their typical duration, and for a parameterised test its method
     * (one case runs every row; several report a case per row, as JUnit 5 does), else null.
     */
    record TestClass(String name, int cases, double meanSeconds, String method) {
        TestClass(String name, int cases, double meanSeconds) {
            this(name, cases, meanSeconds, null);
        }
    }

    /** How the flaky test ended in one run: passed, passed on a rerun, or failed every rerun. */
    enum Flaky { PASSED, PASSED_ON_RERUN, FAILED }

    static final String FLAKY_CLASS = "io.demo.checkout.CheckoutFlowIT";
    static final String FLAKY_CASE = "appliesGiftCardAfterPriceChange";

    private DemoTestReports() {
    }

    /** One report holding a suite per class; the flaky test is the first case of {@link #FLAKY_CLASS} if present. */
    static TestReport report(String source, List<TestClass> classes, Flaky flaky, Random random) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (TestClass c : classes) {
            StringBuilder cases = new StringBuilder();
            double total = 0;
            int failures = 0;
            for (int i = 0; i < c.cases(); i++) {
                double spread = c.cases() == 1 ? 0.2 : 1.0; // a lone long test varies less than a short one
                double seconds = c.meanSeconds() * (1 - spread / 2 + spread * random.nextDouble());
                total += seconds;
                boolean flakyCase = c.name().equals(FLAKY_CLASS) && i == 0;
                String name = flakyCase ? FLAKY_CASE : caseName(c, i);
                cases.append("    <testcase name=\"").append(name).append("\" classname=\"").append(c.name())
                        .append("\" time=\"").append(seconds(seconds)).append("\"");
                if (flakyCase && flaky == Flaky.FAILED) {
                    failures++;
                    cases.append(">\n      <failure message=\"expected total 41.90 but was 45.90: gift card applied "
                            + "before the price update\" type=\"org.opentest4j.AssertionFailedError\"/>\n"
                            + "      <rerunFailure message=\"expected total 41.90 but was 45.90\" "
                            + "type=\"org.opentest4j.AssertionFailedError\"/>\n    </testcase>\n");
                } else if (flakyCase && flaky == Flaky.PASSED_ON_RERUN) {
                    cases.append(">\n      <flakyFailure message=\"expected total 41.90 but was 45.90\" "
                            + "type=\"org.opentest4j.AssertionFailedError\"/>\n    </testcase>\n");
                } else {
                    cases.append("/>\n");
                }
            }
            xml.append("  <testsuite name=\"").append(c.name()).append("\" tests=\"").append(c.cases())
                    .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"")
                    .append(seconds(total)).append("\">\n").append(cases).append("  </testsuite>\n");
        }
        xml.append("</testsuites>\n");
        return JUnitXmlParser.parse(source, new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)),
                warning -> {
                    throw new IllegalStateException("the demo wrote a report that needs a correction: " + warning);
                });
    }

    /** Parameterised tests name cases as JUnit 5 does (method, then the row's index); others get made-up names. */
    private static String caseName(TestClass c, int i) {
        if (c.method() != null) {
            return c.cases() == 1 ? c.method() : c.method() + "(PricingCase)[" + (i + 1) + "]";
        }
        return VERBS.get(i % VERBS.size()) + OBJECTS.get((i / VERBS.size() + c.name().length()) % OBJECTS.size());
    }

    private static final List<String> VERBS = List.of("creates", "rejects", "updates", "reads", "retries", "expires",
            "rounds", "merges");
    private static final List<String> OBJECTS = List.of("EmptyCart", "ExpiredCoupon", "ForeignCurrency", "SavedCard",
            "PartialRefund", "Reservation", "ShippingQuote", "DuplicateOrder", "TaxExemptAddress");

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
