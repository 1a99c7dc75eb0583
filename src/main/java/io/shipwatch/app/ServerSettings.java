package io.shipwatch.app;

import io.shipwatch.core.InputException;
import io.shipwatch.http.ApiToken;
import io.shipwatch.store.Database;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a server needs to start, resolved once from flags, the environment and the config file (in that order
 * of precedence) and checked before anything starts.
 */
public record ServerSettings(String bind, int port, String db, long maxBodyBytes, List<ApiToken> tokens, Config config) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** The shortest token accepted, from the config file or the environment alike. */
    static final int MIN_TOKEN_LENGTH = 16;

    /** Resolves the settings; flags that were not given are null. */
    public static ServerSettings resolve(Integer portFlag, String bindFlag, String dbFlag, Config config,
                                         Map<String, String> env) {
        List<ApiToken> tokens = tokens(config, env);
        int port = portFlag != null ? portFlag : config.server().port() != null ? config.server().port() : DEFAULT_PORT;
        if (port < 0 || port > 65535) {
            throw new InputException(portFlag != null ? "--port" : "server.port", "'" + port + "' is not a port",
                    "use a number from 1 to 65535 (0 picks a free one)");
        }
        String bind = bindFlag != null ? bindFlag : config.server().bind() != null ? config.server().bind()
                : tokens.isEmpty() ? "127.0.0.1" : "0.0.0.0";
        if (tokens.isEmpty() && !isLoopback(bind)) {
            throw new InputException(bindFlag != null ? "--bind" : "server.bind", "'" + bind + "' would expose a "
                    + "server that accepts requests without a token", "set SHIPWATCH_TOKEN or tokens: in the config "
                    + "file, or bind to 127.0.0.1");
        }
        String db = dbFlag != null ? dbFlag : env.get("SHIPWATCH_DB") != null ? env.get("SHIPWATCH_DB")
                : config.db() != null ? config.db() : Database.DEFAULT_URL;
        long maxBody = config.server().maxBodyBytes() != null ? config.server().maxBodyBytes() : DEFAULT_MAX_BODY;
        return new ServerSettings(bind, port, db, maxBody, tokens, config);
    }

    private static List<ApiToken> tokens(Config config, Map<String, String> env) {
        List<ApiToken> tokens = new ArrayList<>();
        for (int i = 0; i < config.tokens().size(); i++) {
            Config.TokenSection t = config.tokens().get(i);
            String where = "tokens[" + i + "]";
            if (t.token() == null || t.token().length() < MIN_TOKEN_LENGTH) {
                throw new InputException(where + ".token", "is missing or shorter than " + MIN_TOKEN_LENGTH + " characters",
                        "generate one with: openssl rand -hex 32");
            }
            String scope = t.scope() == null ? "read" : t.scope().toLowerCase(Locale.ROOT);
            if (!scope.equals("read") && !scope.equals("write")) {
                throw new InputException(where + ".scope", "'" + t.scope() + "' is not a scope", "use read or write");
            }
            tokens.add(new ApiToken(t.name() == null ? "token-" + i : t.name(), t.token(),
                    scope.equals("write") ? ApiToken.Scope.WRITE : ApiToken.Scope.READ));
        }
        String envToken = env.get("SHIPWATCH_TOKEN");
        if (envToken != null && !envToken.isBlank()) {
            // a short token would still switch the bind to 0.0.0.0: refuse it as the config file does
            if (envToken.trim().length() < MIN_TOKEN_LENGTH) {
                throw new InputException("SHIPWATCH_TOKEN", "is shorter than " + MIN_TOKEN_LENGTH + " characters",
                        "generate one with: openssl rand -hex 32");
            }
            tokens.add(new ApiToken("SHIPWATCH_TOKEN", envToken.trim(), ApiToken.Scope.WRITE));
        }
        return tokens;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InputException("--bind", "'" + host + "' is not an address of this machine",
                    "use 127.0.0.1, 0.0.0.0 or one of this machine's addresses");
        }
    }
}
