package dev.beampipe.worker.discovery.tap;

import dev.beampipe.model.secrets.Redaction;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;

/**
 * Pure classification of TAP/DataLink failures (40-backends §5.9). Retryable: HTTP 429, any 5xx, an HTTP
 * 400 whose body carries one of the archives' "busy" phrases, timeouts, refused or reset connections.
 * Not retryable: other 4xx, 3xx (redirects are not followed), an unresolvable host, and anything that
 * answered with a readable but failed or malformed document ({@link TapQueryException}).
 */
public final class TapFailures {

    static final List<String> BUSY_400_MARKERS = List.of("tap service too busy", "no connection available",
            "unable to check the adql query", "temporarily unavailable");
    static final int BODY_LIMIT = 240;

    private TapFailures() {
    }

    public static boolean retryableStatus(int status, String body) {
        if (status == 429 || (status >= 500 && status <= 599)) {
            return true;
        }
        if (status == 400 && body != null) {
            String lower = body.toLowerCase(Locale.ROOT);
            return BUSY_400_MARKERS.stream().anyMatch(lower::contains);
        }
        return false;
    }

    public static boolean retryableIo(Throwable failure) {
        if (failure instanceof UnknownHostException || failure instanceof UnresolvedAddressException
                || failure.getCause() instanceof UnresolvedAddressException) {
            return false;
        }
        if (failure instanceof HttpTimeoutException || failure instanceof HttpConnectTimeoutException
                || failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return true;
        }
        // a connection reset or closed mid-response: the query is read-only, so another attempt is safe
        return failure instanceof IOException;
    }

    /** {@code HTTP <status>: <body, whitespace collapsed, at most 240 chars + "...">}, secrets redacted. */
    public static String httpMessage(int status, String body) {
        String collapsed = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (collapsed.length() > BODY_LIMIT) {
            collapsed = collapsed.substring(0, BODY_LIMIT) + "...";
        }
        String message = "HTTP " + status + ": " + collapsed;
        if (status >= 300 && status <= 399) {
            message = "HTTP " + status + " redirect not followed: " + collapsed;
        }
        return Redaction.string(message);
    }

    public static TapException forStatus(int status, String body) {
        return new TapException(httpMessage(status, body), retryableStatus(status, body));
    }

    public static TapException forIo(String what, Throwable failure) {
        String kind = failure instanceof HttpTimeoutException ? "timed out" : "failed";
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new TapException(what + " " + kind + ": " + Redaction.string(detail), retryableIo(failure), failure);
    }
}
