package dev.beampipe.simulators.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A JDK {@code HttpServer} on 127.0.0.1 whose every request is read in full, journalled, then handed to one
 * handler. A handler that throws gets a plain-text 500; a handler that never answers leaves the connection dropped.
 */
public final class SimHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimHttpServer.class.getName());

    public interface Handler {
        void handle(SimExchange ex) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private SimHttpServer(String name, int port, Clock clock, RequestJournal journal, Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            SimExchange sim = null;
            try {
                sim = new SimExchange(ex, clock.instant());
                if (!sim.path().startsWith("/_control/")) {
                    journal.add(sim.request());
                }
                handler.handle(sim);
            } catch (RuntimeException | IOException e) {
                LOG.log(Level.FINE, name + " handler failed", e);
                if (sim != null && !sim.responded()) {
                    try {
                        sim.send(500, "text/plain; charset=utf-8", "simulator error: " + e.getMessage() + "\n");
                    } catch (IOException ignored) {
                        // the client went away
                    }
                }
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    public static SimHttpServer start(String name, int port, Clock clock, RequestJournal journal, Handler handler) {
        try {
            return new SimHttpServer(name, port, clock, journal, handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Sleeps, keeping the interrupt flag. */
    public static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
