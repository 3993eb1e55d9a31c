package dev.beampipe.api.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends every HTTP response any test of this module receives (status, headers, body) to
 * {@code target/api-responses.log}, so {@code SecretsNeverLeakTest} can prove no planted secret ever left the API.
 * Registered for every test class through JUnit's extension auto-detection.
 */
public class ResponseCapture implements BeforeAllCallback, QuarkusTestBeforeEachCallback {
    public static final Path FILE = Path.of("target", "api-responses.log");
    /** JVM-wide (a system property, not a static): Quarkus tests run in their own class loaders. */
    private static final String RESET_DONE = "beampipe.test.response-capture.reset";
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    /** Quarkus tests call RestAssured from the application's class loader, so the filter is installed there too. */
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        synchronized (System.class) {
            if (System.getProperty(RESET_DONE) == null) {
                System.setProperty(RESET_DONE, "true");
                try {
                    Files.createDirectories(FILE.getParent());
                    Files.deleteIfExists(FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Filter capture = (request, response, ctx) -> {
            var r = ctx.next(request, response);
            StringBuilder entry = new StringBuilder()
                    .append(request.getMethod()).append(' ').append(request.getURI()).append(" -> ").append(r.statusCode()).append('\n')
                    .append(r.getHeaders().toString()).append('\n')
                    .append(r.asString()).append("\n\n");
            append(entry.toString());
            return r;
        };
        RestAssured.filters(capture);
    }

    private static synchronized void append(String text) {
        try {
            Files.writeString(FILE, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
