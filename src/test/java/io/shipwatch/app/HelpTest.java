package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command in the tree answers --help with its usage and exit 0, including commands added later. */
class HelpTest {

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(ShipwatchCommand.commandLine(Map.of()), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(5);
        for (List<String> path : paths) {
            CommandLine root = ShipwatchCommand.commandLine(Map.of());
            StringWriter out = new StringWriter();
            root.setOut(new PrintWriter(out));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            int exit = root.execute(args.toArray(String[]::new));
            assertThat(exit).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: shipwatch");
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) { // aliases are listed again under their own names
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, paths);
            }
        });
    }
}
