package io.shipwatch.cli.exec;

import java.io.IOException;
import sun.misc.Signal;

/**
 * Forwards SIGINT and SIGTERM to the step's command, so cancelling a CI job stops the command rather than only
 * its wrapper; the wrapper then waits for the command and records the step as cancelled.
 */
final class Signals {
    private static volatile String received;
    private static volatile Process child;

    private Signals() {
    }

    /** Takes over SIGINT and SIGTERM before the command starts, so none arriving meanwhile ends the wrapper alone. */
    static void install() {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                received = name;
                Process p = child;
                if (p != null) {
                    forward(p, name);
                }
            });
        }
    }

    /** From now on signals go to {@code started}; one that came while it was starting is passed on at once. */
    static void forwardTo(Process started) {
        child = started;
        String pending = received;
        if (pending != null) {
            forward(started, pending);
        }
    }

    /** The signal that arrived (INT or TERM), or null. */
    static String received() {
        return received;
    }

    private static void forward(Process child, String name) {
        if (!child.isAlive()) {
            return;
        }
        if (name.equals("TERM")) {
            child.destroy(); // SIGTERM on Unix
            return;
        }
        try { // the JDK has no call for SIGINT
            new ProcessBuilder("kill", "-s", name, String.valueOf(child.pid())).inheritIO().start();
        } catch (IOException e) {
            child.destroy();
        }
    }
}
