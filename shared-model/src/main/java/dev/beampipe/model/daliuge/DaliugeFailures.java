package dev.beampipe.model.daliuge;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLHandshakeException;

/** Pure classification of failed DALiuGE calls into {@link DaliugeException}s (40-backends §2.9). */
final class DaliugeFailures {

    static final int EXCERPT_BYTES = 1024;

    private DaliugeFailures() {
    }

    /** A transport failure: before the request was sent (not ambiguous) or after (ambiguous). */
    static DaliugeException forIo(DaliugeComponent component, DaliugeOperation operation, String endpoint,
                                  IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new DaliugeException(component, operation, endpoint, DaliugeErrorKind.TIMEOUT,
                    "request timed out (connecting)", null, true, false, null, null, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DaliugeException(component, operation, endpoint, DaliugeErrorKind.TIMEOUT,
                    "request timed out", null, true, true, null, null, e);
        }
        if (beforeSending(e)) {
            return new DaliugeException(component, operation, endpoint, DaliugeErrorKind.CONNECTIVITY,
                    "connection failed", null, true, false, null, null, e);
        }
        return new DaliugeException(component, operation, endpoint, DaliugeErrorKind.CONNECTIVITY,
                "request failed: " + describe(e), null, true, true, null, null, e);
    }

    private static boolean beforeSending(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
                    || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    /** A non-2xx reply. The nested exception of a DALiuGE envelope decides kind and ambiguity. */
    static DaliugeException forStatus(DaliugeComponent component, DaliugeOperation operation, String endpoint,
                                      int status, byte[] body) {
        ManagerError error = component == DaliugeComponent.TRANSLATOR ? null : ManagerError.parse(body).orElse(null);
        DaliugeErrorKind kind;
        boolean retryable;
        boolean ambiguous;
        String message = "DALiuGE returned HTTP " + status;
        if (status == 404 || (error != null && error.involves("NoSessionException") && error.rejectedBeforeApplying())) {
            kind = DaliugeErrorKind.NOT_FOUND;
            retryable = false;
            ambiguous = false;
        } else if (status == 409 || (error != null && error.involves("SessionAlreadyExistsException")
                && error.rejectedBeforeApplying())) {
            kind = DaliugeErrorKind.CONFLICT;
            retryable = false;
            ambiguous = false;
        } else {
            kind = DaliugeErrorKind.HTTP_STATUS;
            boolean rejected = (status >= 400 && status <= 499) || (error != null && error.rejectedBeforeApplying());
            retryable = status == 408 || status == 429 || (status >= 500 && !rejected);
            ambiguous = !rejected;
        }
        if (error != null) {
            message += ": " + error.summary();
        } else if (component == DaliugeComponent.TRANSLATOR) {
            message += translatorDetail(body);
        }
        return new DaliugeException(component, operation, endpoint, kind, message, status, retryable, ambiguous,
                excerpt(body), error, null);
    }

    /** A 2xx whose body is not the JSON the call expects; whether it was applied cannot be told. */
    static DaliugeException invalidResponse(DaliugeComponent component, DaliugeOperation operation, String endpoint,
                                            int status, byte[] body, String what) {
        return new DaliugeException(component, operation, endpoint, DaliugeErrorKind.INVALID_RESPONSE,
                "invalid JSON response: " + what, status, false, true, excerpt(body), null, null);
    }

    static DaliugeException compatibility(DaliugeComponent component, DaliugeOperation operation, String endpoint,
                                          String message) {
        return new DaliugeException(component, operation, endpoint, DaliugeErrorKind.COMPATIBILITY, message, null,
                false, false, null, null, null);
    }

    /** FastAPI {@code {"detail": "<text>"}} → {@code : <text>}; a 422 list or plain text adds nothing. */
    private static String translatorDetail(byte[] body) {
        try {
            var detail = DaliugeHttp.JSON.readTree(body).path("detail");
            return detail.isTextual() ? ": " + detail.asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        byte[] head = body.length > EXCERPT_BYTES ? Arrays.copyOf(body, EXCERPT_BYTES) : body;
        return new String(head, StandardCharsets.UTF_8);
    }
}
