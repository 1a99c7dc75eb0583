package io.shipwatch.markers;

import io.shipwatch.core.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a deployment stands; the wire name is the lower-case form ({@code rolled_back}). */
public enum DeploymentStatus {
    STARTED, SUCCEEDED, FAILED, ROLLED_BACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinished() {
        return this != STARTED;
    }

    /** Parses a wire name; an unknown one is an {@link InputException} at {@code where} listing the known ones. */
    public static DeploymentStatus parse(String text, String where) {
        for (DeploymentStatus s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new InputException(where, "unknown status '" + text + "'", "use one of " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(DeploymentStatus::wireName).collect(Collectors.joining(", "));
    }
}
