package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.util.Locale;

/** How a recorded load-test run was judged: only passed runs serve as baselines. */
public enum RunStatus {
    PASSED, FAILED, UNJUDGED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String text, String where) {
        for (RunStatus s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new InputException(where, "unknown status '" + text + "'", "use passed, failed or unjudged");
    }
}
