package io.shipwatch.ci;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the many ways a CI spells a repository's address into the one a browser opens: {@code https://host/path},
 * no {@code .git}, no user, password or token. Used by {@link CiEnvironment} and for {@code --repo}.
 */
public final class RepositoryUrl {
    // scp-like Git syntax: [user@]host:path, as in git@github.com:owner/repo.git; a one-letter host is a Windows drive
    private static final Pattern SCP_LIKE = Pattern.compile("(?:.*@)?([A-Za-z0-9.-]{2,}):/*([^/\\\\].*)");
    private static final Pattern HOST_AND_PORT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:\\d+)?");

    private RepositoryUrl() {
    }

    /**
     * The browsable form of {@code raw}, or null when it is blank or not a remote Git URL (a local path, a
     * {@code file:} URL). Never returns any part of the credentials in {@code raw}.
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd > 0) {
            String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            String web = webScheme(scheme);
            // an ssh:// or git:// port is that daemon's, never the web server's
            return web == null ? null : build(web, text.substring(schemeEnd + 3), scheme.equals(web));
        }
        Matcher scp = SCP_LIKE.matcher(text);
        if (scp.matches()) {
            return build("https", scp.group(1) + "/" + scp.group(2), false);
        }
        return null;
    }

    private static String webScheme(String scheme) {
        return switch (scheme) {
            // an explicit http URL stays http: a server that only speaks http would not answer the https one
            case "http", "https" -> scheme;
            case "ssh", "git", "git+ssh", "ssh+git" -> "https";
            default -> null;
        };
    }

    private static String build(String scheme, String afterScheme, boolean keepPort) {
        // cut at the last '@', not the first: a token may hold an unescaped '/', '?' or '#', repository paths hold no '@'
        String rest = afterScheme.substring(afterScheme.lastIndexOf('@') + 1);
        rest = cutAt(cutAt(rest, '#'), '?');
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        Matcher hostPort = HOST_AND_PORT.matcher(authority);
        if (!hostPort.matches()) {
            return null;
        }
        String host = hostPort.group(1).toLowerCase(Locale.ROOT);
        String port = keepPort && hostPort.group(2) != null ? hostPort.group(2) : "";
        return scheme + "://" + host + port + trimPath(path);
    }

    private static String trimPath(String path) {
        String p = stripTrailingSlashes(path);
        if (p.endsWith(".git")) {
            p = stripTrailingSlashes(p.substring(0, p.length() - 4));
        }
        return p;
    }

    private static String stripTrailingSlashes(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String cutAt(String text, char c) {
        int i = text.indexOf(c);
        return i < 0 ? text : text.substring(0, i);
    }
}
