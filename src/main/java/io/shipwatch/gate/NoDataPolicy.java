package io.shipwatch.gate;

import java.util.Locale;

/** What an objective with no data counts as: fail (the default), warning, pass, or ignore (not scored). */
public enum NoDataPolicy {
    FAIL, WARNING, IGNORE, PASS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NoDataPolicy parse(SpecNode node) {
        String text = node.text().trim().toLowerCase(Locale.ROOT);
        for (NoDataPolicy p : values()) {
            if (p.wireName().equals(text)) {
                return p;
            }
        }
        throw node.problem("unknown noData policy '" + node.text() + "'", "use one of fail, warning, ignore, pass");
    }
}
