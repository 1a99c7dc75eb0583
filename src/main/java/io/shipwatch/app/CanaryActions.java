package io.shipwatch.app;

import io.shipwatch.gate.CanaryAction;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a canary run's actions: a command is started directly with its arguments (no shell, so no quoting or
 * injection through variables), a webhook is a JSON POST where an answer above 202 is a failure, as Flagger's.
 * {@code {{name}}} in arguments and URLs is filled from the run's variables ({@code weight}, {@code version}, …).
 */
final class CanaryActions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final String canary;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    CanaryActions(String canary) {
        this.canary = canary;
    }

    /** What the action will do, with its placeholders filled, for the log. */
    static String describe(CanaryAction action, Map<String, String> vars) {
        if (action instanceof CanaryAction.Command c) {
            List<String> argv = new ArrayList<>();
            c.argv().forEach(a -> argv.add(fill(a, vars)));
            return String.join(" ", argv);
        }
        return "webhook " + fill(((CanaryAction.Webhook) action).url(), vars);
    }

    /** Null when the action succeeded, else one line saying why it did not. */
    String run(String name, CanaryAction action, Map<String, String> vars) {
        if (action instanceof CanaryAction.Command c) {
            List<String> argv = new ArrayList<>();
            c.argv().forEach(a -> argv.add(fill(a, vars)));
            return command(argv);
        }
        CanaryAction.Webhook w = (CanaryAction.Webhook) action;
        return webhook(name, fill(w.url(), vars), w.headers(), vars);
    }

    private static String command(List<String> argv) {
        Path log = null;
        try {
            log = Files.createTempFile("shipwatch-action", ".log");
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "'" + String.join(" ", argv) + "' did not finish within " + COMMAND_TIMEOUT.toMinutes() + " minutes";
            }
            if (p.exitValue() != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                String last = output.isEmpty() ? "" : ": " + output.lines().reduce((a, b) -> b).orElse("");
                return "'" + String.join(" ", argv) + "' exited with " + p.exitValue() + last;
            }
            return null;
        } catch (IOException e) {
            return "cannot run '" + String.join(" ", argv) + "': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while running '" + String.join(" ", argv) + "'";
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    private String webhook(String name, String url, Map<String, String> headers, Map<String, String> vars) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", canary);
        body.put("action", name);
        body.put("phase", name.equals("rollback") ? "Failed" : name.equals("promote") ? "Succeeded" : "Progressing");
        body.put("metadata", vars);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WEBHOOK_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        headers.forEach(request::header);
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            // Flagger's rule: 200, 201 and 202 go on; anything else (203, 204, 3xx, 4xx, 5xx) does not
            return status <= 202 && status >= 200 ? null : "webhook " + url + " answered " + status;
        } catch (IOException e) {
            return "webhook " + url + " could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while calling webhook " + url;
        }
    }

    private static String fill(String text, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
