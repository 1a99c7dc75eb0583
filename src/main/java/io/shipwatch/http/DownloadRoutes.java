package io.shipwatch.http;

import io.javalin.router.JavalinDefaultRoutingApi;
import io.shipwatch.core.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /download/shipwatch.jar}: the jar this server runs, so CI fetches a CLI of the server's own version from
 * the server it reports to (as Jenkins serves {@code jenkins-cli.jar}). Open like the web UI: the jar holds no secrets.
 */
public final class DownloadRoutes implements ApiServer.RouteGroup {
    static final String PATH = "/download/shipwatch.jar";

    private final Path jar;

    /** {@code jar} is the running jar, or null when the server runs from classes (tests, an IDE). */
    public DownloadRoutes(Path jar) {
        this.jar = jar;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, ctx -> {
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new NotFoundException("path", "this server runs from classes, not from a jar",
                        "build the jar with 'mvn package' and run 'java -jar target/shipwatch.jar server'");
            }
            ctx.contentType("application/java-archive");
            ctx.header("Content-Disposition", "attachment; filename=\"shipwatch.jar\"");
            ctx.header("Content-Length", String.valueOf(Files.size(jar)));
            ctx.result(Files.newInputStream(jar));
        });
    }

    /** The jar a class was loaded from, or null when it was loaded from a directory. */
    public static Path runningJar(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
