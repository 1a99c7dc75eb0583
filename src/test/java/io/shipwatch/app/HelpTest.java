package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
    void everyCommandHasHelpWithoutFormatWarnings() {
        List<List<String>> paths = new ArrayList<>();
        collect(ShipwatchCommand.commandLine(Map.of()), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(5);
        // picocli prints "[picocli WARN] Could not format ..." to stderr when a description has a bare '%'
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            printHelpOfEach(paths);
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void topLevelHelpListsExecAndHelpExecDescribesIt() {
        StringWriter top = new StringWriter();
        CommandLine root = ShipwatchCommand.commandLine(Map.of());
        root.setOut(new PrintWriter(top));
        assertThat(root.execute("--help")).isZero();
        assertThat(top.toString()).containsPattern("(?m)^  exec +Run a command as a span");

        StringWriter help = new StringWriter();
        CommandLine again = ShipwatchCommand.commandLine(Map.of());
        again.setOut(new PrintWriter(help));
        assertThat(again.execute("help", "exec")).isZero();
        assertThat(help.toString()).contains("Usage: shipwatch exec").contains("--attr=KEY=VALUE").contains("CMD");
    }

    private static void printHelpOfEach(List<List<String>> paths) {
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
