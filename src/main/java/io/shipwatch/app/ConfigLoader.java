package io.shipwatch.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@link Config} from YAML, failing with {@code file:line: what; what to do} on the first problem. */
public final class ConfigLoader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static Config load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException("--config", "no file " + file, "give the path of a shipwatch.yaml");
        } catch (IOException e) {
            throw new InputException("--config", "cannot read " + file + ": " + e.getMessage(), null);
        }
        return parse(expand(text, file.toString(), env), file.toString());
    }

    static Config parse(String yaml, String source) {
        if (yaml.isBlank()) {
            return Config.empty();
        }
        try {
            Config config = YAML.readValue(yaml, Config.class);
            return config == null ? Config.empty() : config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InputException(keyLine(yaml, source, e), "unknown key '" + path(e) + "'",
                    "known keys here: " + known);
        } catch (JsonMappingException e) {
            throw new InputException(where(source, e.getLocation()), "'" + path(e) + "': "
                    + firstLine(e.getOriginalMessage()), "see the configuration reference in README.md");
        } catch (JsonProcessingException e) {
            throw new InputException(where(source, e.getLocation()), "not valid YAML: " + firstLine(e.getOriginalMessage()),
                    "check the indentation and quoting");
        }
    }

    /** Replaces {@code ${NAME}} with the environment variable NAME; an unset one is an error at its line. */
    static String expand(String text, String source, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = VARIABLE.matcher(lines[i]);
            StringBuilder line = new StringBuilder();
            while (m.find()) {
                String value = env.get(m.group(1));
                if (value == null) {
                    throw new InputException(source + ":" + (i + 1), "${" + m.group(1) + "} is not set",
                            "export " + m.group(1) + " before starting, or write the value in the file");
                }
                m.appendReplacement(line, Matcher.quoteReplacement(value));
            }
            m.appendTail(line);
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The line of an unknown key: the YAML parser reports where it stopped, which can be past the key. */
    private static String keyLine(String yaml, String source, UnrecognizedPropertyException e) {
        String[] lines = yaml.split("\n", -1);
        int reported = e.getLocation() == null ? lines.length : Math.min(e.getLocation().getLineNr(), lines.length);
        Pattern key = Pattern.compile("^[\\s-]*[\"']?" + Pattern.quote(e.getPropertyName()) + "[\"']?\\s*:");
        for (int i = reported - 1; i >= 0; i--) {
            if (key.matcher(lines[i]).find()) {
                return source + ":" + (i + 1);
            }
        }
        return where(source, e.getLocation());
    }

    private static String where(String source, JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? source : source + ":" + loc.getLineNr();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
