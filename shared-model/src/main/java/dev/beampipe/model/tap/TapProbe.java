package dev.beampipe.model.tap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A lightweight TAP reachability probe (decision 9): {@code GET <service>/availability} (IVOA VOSI) with a bounded
 * timeout. Any answer below 500 means the archive's web service is up (not every TAP service implements VOSI);
 * a 5xx, a timeout or a transport error is {@link TapState#ERROR}.
 */
public final class TapProbe {
    private final HttpClient client;
    private final Duration timeout;

    public TapProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Duration timeout() {
        return timeout;
    }

    public TapState probe(String tapUrl) {
        if (tapUrl == null || tapUrl.isBlank()) {
            return TapState.NOT_CONFIGURED;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(availabilityUrl(tapUrl.trim()))).timeout(timeout).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 500 ? TapState.OK : TapState.ERROR;
        } catch (IOException | IllegalArgumentException e) {
            return TapState.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TapState.ERROR;
        }
    }

    /** The VOSI endpoint of a TAP service whose URL may name its {@code /sync} or {@code /async} resource. */
    public static String availabilityUrl(String tapUrl) {
        String base = tapUrl.replaceAll("/+$", "");
        base = base.replaceAll("/(sync|async)$", "");
        return base + "/availability";
    }
}
