package io.shipwatch.cli.exec;

import java.io.IOException;
import sun.misc.Signal;

/**
 * Forwards SIGINT and SIGTERM to the step's command, so cancelling a CI job stops the command rather than only
 * its wrapper; the wrapper then waits for the command and records the step as cancelled.
 */
final class Signals {
    private static volatile String received;

    private Signals() {
    }

    static void forwardTo(Process child) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                received = name;
                forward(child, name);
            });
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
