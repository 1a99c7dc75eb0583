package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which recorded runs make a baseline: {@code last-passed} (the newest passed run), {@code last-passed:N} (the median
 * of the newest N passed runs, for noisy environments) or {@code version:V} (the newest run of a pinned version).
 */
public record BaselineSpec(RunStatus status, String version, int runs) {
    private static final Pattern LAST = Pattern.compile("last-passed(?::(\\d+))?");

    /** Whether {@code text} names recorded runs rather than a file. */
    public static boolean isServerBaseline(String text) {
        return LAST.matcher(text).matches() || text.startsWith("version:");
    }

    public static BaselineSpec parse(String text, String where) {
        Matcher m = LAST.matcher(text);
        if (m.matches()) {
            int n = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            if (n < 1 || n > 20) {
                throw new InputException(where, "'" + text + "' asks for " + n + " runs", "use 1 to 20, such as last-passed:5");
            }
            return new BaselineSpec(RunStatus.PASSED, null, n);
        }
        if (text.startsWith("version:") && text.length() > "version:".length()) {
            return new BaselineSpec(null, text.substring("version:".length()), 1);
        }
        throw new InputException(where, "'" + text + "' is not a baseline", "use a result file, last-passed, "
                + "last-passed:N or version:V");
    }

    /** How the baseline reads in messages: last-passed, last-passed:3, version:2.0.4. */
    public String describe() {
        return version != null ? "version:" + version : runs == 1 ? "last-passed" : "last-passed:" + runs;
    }

    /** The query for this baseline's runs of a service and scenario. */
    public LoadTestRunStore.RunQuery query(String service, String scenario) {
        return new LoadTestRunStore.RunQuery(service, scenario, status, version, runs);
    }
}
