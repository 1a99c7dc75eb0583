package io.shipwatch.app;

/** Entry point of the {@code shipwatch} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ShipwatchCommand.commandLine(System.getenv()).execute(args));
    }
}
