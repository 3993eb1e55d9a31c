package dev.beampipe.api.daliuge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Read-only JSON GETs against a DALiuGE manager with the operator-inspection timeout (40-backends §3.14). */
public final class DaliugeHttp {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public DaliugeHttp(ObjectMapper mapper, Duration timeout) {
        this.mapper = mapper;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public JsonNode get(String component, String url) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json").GET().build();
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new DaliugeException(DaliugeException.Kind.TIMEOUT, component, "request timed out", true);
        } catch (ConnectException e) {
            throw new DaliugeException(DaliugeException.Kind.CONNECTIVITY, component, "connection failed", true);
        } catch (IOException | IllegalArgumentException e) {
            throw new DaliugeException(DaliugeException.Kind.CONNECTIVITY, component, "request failed", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaliugeException(DaliugeException.Kind.CONNECTIVITY, component, "request failed", true);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new DaliugeException(DaliugeException.Kind.NOT_FOUND, component, "DALiuGE returned HTTP 404", false);
        }
        if (status == 409) {
            throw new DaliugeException(DaliugeException.Kind.CONFLICT, component, "DALiuGE returned HTTP 409", false);
        }
        if (status < 200 || status > 299) {
            boolean retryable = status >= 500 || status == 408 || status == 429;
            throw new DaliugeException(DaliugeException.Kind.HTTP_STATUS, component, "DALiuGE returned HTTP " + status, retryable);
        }
        if (response.body().length > MAX_BODY) {
            throw new DaliugeException(DaliugeException.Kind.INVALID_RESPONSE, component, "invalid JSON response: body too large", false);
        }
        try {
            JsonNode body = mapper.readTree(response.body());
            if (body == null || body.isMissingNode()) {
                throw new DaliugeException(DaliugeException.Kind.INVALID_RESPONSE, component, "invalid JSON response: empty body", false);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new DaliugeException(DaliugeException.Kind.INVALID_RESPONSE, component,
                    "invalid JSON response: " + e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new DaliugeException(DaliugeException.Kind.INVALID_RESPONSE, component, "invalid JSON response", false);
        }
    }
}
