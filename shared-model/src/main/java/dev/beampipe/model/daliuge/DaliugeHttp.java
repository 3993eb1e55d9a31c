package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One HTTP/1.1 client towards one DALiuGE server: sends a request with its per-call timeout and turns every
 * failure into a {@link DaliugeException}. No retries (40-backends §3.14: retry = the next tick). With
 * {@code verifySsl=false} invalid certificates and host names are accepted (§1.3).
 */
final class DaliugeHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final DaliugeComponent component;

    DaliugeHttp(DaliugeComponent component, boolean verifySsl, Duration connectTimeout) {
        this.component = component;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0 ? MAX_CONNECT_TIMEOUT : connectTimeout);
        if (!verifySsl) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
    }

    /** A reply that is 2xx; anything else has been thrown. */
    record Reply(int status, byte[] body, String endpoint) {
    }

    Reply send(DaliugeOperation operation, HttpRequest request) throws DaliugeException, InterruptedException {
        String endpoint = request.method() + " " + request.uri();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw DaliugeFailures.forIo(component, operation, endpoint, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw DaliugeFailures.forStatus(component, operation, endpoint, status, response.body());
        }
        return new Reply(status, response.body(), endpoint);
    }

    /** Sends and parses the 2xx body as JSON. */
    JsonNode sendJson(DaliugeOperation operation, HttpRequest request) throws DaliugeException, InterruptedException {
        Reply reply = send(operation, request);
        return parse(operation, reply);
    }

    JsonNode parse(DaliugeOperation operation, Reply reply) throws DaliugeException {
        try {
            JsonNode node = JSON.readTree(reply.body());
            if (node == null || node.isMissingNode()) {
                throw invalid(operation, reply, "empty body");
            }
            return node;
        } catch (IOException e) {
            throw invalid(operation, reply, firstLine(e.getMessage()));
        }
    }

    DaliugeException invalid(DaliugeOperation operation, Reply reply, String what) {
        return DaliugeFailures.invalidResponse(component, operation, reply.endpoint(), reply.status(), reply.body(), what);
    }

    DaliugeException compatibility(DaliugeOperation operation, URI url, String message) {
        return DaliugeFailures.compatibility(component, operation, "POST " + url, message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unparseable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{new AcceptAnyCertificate()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }

    /** {@code verify_ssl=false}: an extended trust manager that checks nothing (host names included). */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
