package io.shipwatch.core;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem in an input before failing, so a user sees all of them at once. */
public final class Problems {
    private final List<InputException.Problem> problems = new ArrayList<>();

    public void add(String where, String problem, String hint) {
        problems.add(new InputException.Problem(where, problem, hint));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws an {@link InputException} carrying every collected problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }
}
