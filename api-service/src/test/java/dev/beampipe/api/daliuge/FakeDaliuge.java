package dev.beampipe.api.daliuge;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A tiny TM + DIM on one port speaking the REST shapes of 40-backends §2.8 and §3.1-3.2. Any path can be
 * overridden with a status and body to provoke failures.
 */
final class FakeDaliuge implements AutoCloseable {
    record Answer(int status, String body) {
    }

    final HttpServer server;
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    FakeDaliuge() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reset();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            Answer answer = answers.getOrDefault(path, new Answer(404, "{\"error\": \"not found\"}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    void reset() {
        answers.clear();
        requests.clear();
        answers.put("/api/submission_method", new Answer(200, "{\"methods\": [\"BROWSER\", \"SERVER\"]}"));
        answers.put("/api", new Answer(200, "{\"hosts\": [\"dlg-nm1\", \"dlg-nm2\"], \"sessionIds\": [\"s-1\"]}"));
        answers.put("/api/nodes", new Answer(200, "[\"dlg-nm1:8000:5555:6666\", \"dlg-nm2:8000:5555:6666\"]"));
        answers.put("/api/sessions", new Answer(200, "[{\"sessionId\": \"s-1\", \"status\": 2, \"size\": 12}]"));
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
