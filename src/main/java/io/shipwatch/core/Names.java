package io.shipwatch.core;

import java.util.regex.Pattern;

/** The one rule for service, environment, gate and canary names: what markers accept is what every query accepts. */
public final class Names {
    /** Letters, digits and {@code . _ - : / @}, starting with a letter or digit, at most 128 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

    private Names() {
    }
}
