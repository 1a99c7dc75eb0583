package io.shipwatch.cli;

/**
 * A call to the Shipwatch server failed. The message is one line for the user's terminal; {@link #exitCode()} is
 * {@link ExitCode#REFUSED} when the server answered with an error and {@link ExitCode#UNREACHABLE} when it did not
 * answer at all.
 */
public class ApiException extends Exception {
    private final int exitCode;

    public ApiException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ApiException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
