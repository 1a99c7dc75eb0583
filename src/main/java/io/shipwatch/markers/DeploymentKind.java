package io.shipwatch.markers;

import io.shipwatch.core.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a deployment does: ships a new version ({@code deploy}) or puts an earlier one back ({@code rollback}). */
public enum DeploymentKind {
    DEPLOY, ROLLBACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; an unknown one is an {@link InputException} at {@code where} listing the known ones. */
    public static DeploymentKind parse(String text, String where) {
        for (DeploymentKind k : values()) {
            if (k.wireName().equals(text)) {
                return k;
            }
        }
        throw new InputException(where, "unknown kind '" + text + "'", "use one of " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(DeploymentKind::wireName).collect(Collectors.joining(", "));
    }
}
