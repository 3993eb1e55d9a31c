package dev.beampipe.cli.start;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One GET against the API (readiness or health): the status code, or a description of the failure. */
public final class ReadinessProbe {
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final URI uri;

    public ReadinessProbe(URI uri) {
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }

    /** The outcome of one probe. */
    public record Answer(int status, String detail) {
        public boolean ok() {
            return status == 200;
        }
    }

    public Answer probe() {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().strip();
            return new Answer(response.statusCode(), body.length() > 300 ? body.substring(0, 300) + "…" : body);
        } catch (IOException e) {
            return new Answer(0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }
}
