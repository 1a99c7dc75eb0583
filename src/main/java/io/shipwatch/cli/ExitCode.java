package io.shipwatch.cli;

/** The process exit codes of every {@code shipwatch} command, so CI scripts can tell failures apart. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** The server answered, and refused (4xx or 5xx); its problem detail was printed. */
    public static final int REFUSED = 1;
    /** Bad usage or input: an unknown or missing flag, a value that does not parse; nothing was sent. */
    public static final int USAGE = 2;
    /** The server could not be reached: connection refused, unknown host, timeout. */
    public static final int UNREACHABLE = 3;
    /** A bug in shipwatch itself (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
