package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The copy-paste files in examples/ stay true: the config loads, and every shipwatch command in the CI files parses. */
class ExamplesTest {
    private static final Pattern INVOCATION = Pattern.compile("(?:^|[\\s;(])shipwatch\\s+([^|;>)]*)");

    @Test
    void minimalConfigLoads() {
        Map<String, String> env = Map.of("PGPASSWORD", "pw", "SHIPWATCH_CI_TOKEN", "ci-token-0123456789",
                "SHIPWATCH_READ_TOKEN", "read-token-0123456789", "GRAFANA_SA_TOKEN", "glsa_0123456789");
        Config config = ConfigLoader.load(Path.of("examples", "shipwatch.yaml"), env);
        assertThat(config.tokens()).hasSize(2);
        assertThat(ServerSettings.resolve(null, null, null, config, Map.of()).db()).startsWith("jdbc:postgresql://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml"})
    void everyShipwatchCommandInTheCiFileParses(String file) throws IOException {
        JsonNode ci = new ObjectMapper(new YAMLFactory()).readTree(Path.of("examples", file).toFile());
        List<String> commands = new ArrayList<>();
        collect(ci, commands);
        assertThat(commands).as(file).hasSizeGreaterThanOrEqualTo(8)
                .anyMatch(c -> c.startsWith("exec ")).anyMatch(c -> c.startsWith("deploy start "));
        for (String command : commands) {
            String[] args = words(command);
            assertThatCode(() -> ShipwatchCommand.commandLine(Map.of()).parseArgs(args)).as(file + ": shipwatch " + command)
                    .doesNotThrowAnyException();
        }
    }

    private static void collect(JsonNode node, List<String> commands) {
        if (node.isTextual()) {
            for (String line : node.asText().replace("\\\n", " ").split("\n")) {
                Matcher m = INVOCATION.matcher(line);
                while (m.find()) {
                    commands.add(m.group(1).replaceAll("\\s*(&&|\\|\\|).*$", "").trim());
                }
            }
        }
        node.forEach(child -> collect(child, commands));
    }

    /** Shell words: quotes group, and any $-expansion is one placeholder word part. */
    private static String[] words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || word.length() > 0) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || word.length() > 0) {
            words.add(word.toString());
        }
        return words.stream().map(w -> w.replaceAll("\\$\\{\\{[^}]*}}|\\$\\([^)]*\\)?|\\$\\{?[A-Za-z_]+}?", "x"))
                .toArray(String[]::new);
    }
}
