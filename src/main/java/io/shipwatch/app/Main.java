package io.shipwatch.app;

import io.shipwatch.cli.exec.ExecMain;

/** Entry point of the {@code shipwatch} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("exec")) { // the per-step path: no picocli, no SDK
            ExecMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(ShipwatchCommand.commandLine(System.getenv()).execute(args));
    }
}
