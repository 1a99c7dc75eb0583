package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --server} and {@code --token}, shared by every command that calls the Shipwatch server. */
public final class ServerOptions {
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Option(names = "--server", paramLabel = "URL",
            description = "Shipwatch server. Default: $SHIPWATCH_SERVER, else " + DEFAULT_SERVER + ".")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token, sent as 'Authorization: Bearer'. Default: $SHIPWATCH_TOKEN, which is safer: "
                    + "command lines show in process lists and CI logs.")
    String token;

    /** The chosen server's address and token (token may be null). */
    record Target(URI uri, String token) {
    }

    /** True when --server or SHIPWATCH_SERVER names a server (rather than the default). */
    public boolean named(Map<String, String> env) {
        return server != null || !isBlank(env.get("SHIPWATCH_SERVER"));
    }

    /** The client for the chosen server, or null with the reasons added to {@code problems}. */
    public ApiClient client(Map<String, String> env, Problems problems) {
        Target target = target(env, problems);
        return target == null ? null : new ApiClient(target.uri(), target.token());
    }

    /** The chosen server and token, or null with the reasons added to {@code problems}. */
    Target target(Map<String, String> env, Problems problems) {
        String where = "--server";
        String url = server;
        if (url == null && !isBlank(env.get("SHIPWATCH_SERVER"))) {
            where = "SHIPWATCH_SERVER";
            url = env.get("SHIPWATCH_SERVER").trim();
        }
        URI uri = parse(url == null ? DEFAULT_SERVER : url, where, problems);
        String tokenWhere = token != null ? "--token" : "SHIPWATCH_TOKEN";
        String bearer = token != null ? token.trim() : isBlank(env.get("SHIPWATCH_TOKEN")) ? null : env.get("SHIPWATCH_TOKEN").trim();
        if (bearer != null && (bearer.isEmpty() || !bearer.matches("\\p{Graph}+"))) {
            // the value is never echoed: it is a secret
            problems.add(tokenWhere, "the token is empty or holds spaces or control characters", "pass the token alone");
            return null;
        }
        return uri == null ? null : new Target(uri, bearer);
    }

    private static URI parse(String text, String where, Problems problems) {
        String hint = "use a URL such as " + DEFAULT_SERVER;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(where, "'" + text + "' is not a URL", hint);
            return null;
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            problems.add(where, "'" + text + "' is not an http(s) URL", hint);
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            // not echoed: the user part may hold a password
            problems.add(where, "the URL holds a user or password", "pass credentials with --token or SHIPWATCH_TOKEN");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(where, "'" + text + "' has a query or fragment", hint);
            return null;
        }
        return uri;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
