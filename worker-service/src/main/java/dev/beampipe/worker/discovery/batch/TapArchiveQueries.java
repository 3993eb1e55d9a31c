package dev.beampipe.worker.discovery.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.Utf8Order;
import dev.beampipe.model.discovery.pipeline.ArchiveQueries;
import dev.beampipe.model.discovery.pipeline.ArchiveQueryException;
import dev.beampipe.worker.discovery.tap.TapClient;
import dev.beampipe.worker.discovery.tap.TapException;
import dev.beampipe.worker.discovery.tap.VotableTable;

import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ArchiveQueries} over HTTP: a sync TAP query per call through {@link TapClient} (with the project's
 * timeout and retries), each VOTable row turned into a JSON object of strings with byte-sorted keys
 * (30-project-config §3.3). A failure that ended in an HTTP timeout is the pipeline's {@code TAP timeout};
 * every other failure keeps the client's message (already redacted).
 */
public final class TapArchiveQueries implements ArchiveQueries {
    private final TapClient client;
    private final TapEndpoints endpoints;
    private final DiscoveryMetrics metrics;

    public TapArchiveQueries(TapClient client, TapEndpoints endpoints, DiscoveryMetrics metrics) {
        this.client = client;
        this.endpoints = endpoints;
        this.metrics = metrics;
    }

    @Override
    public List<ObjectNode> query(String adapter, String adql) throws ArchiveQueryException, InterruptedException {
        String base = endpoints.forAdapter(adapter)
                .orElseThrow(() -> new ArchiveQueryException("adapter '" + adapter + "' is not configured", false));
        long started = System.nanoTime();
        String outcome = "error";
        try {
            VotableTable table = client.querySync(base, adql);
            outcome = "ok";
            return rows(table);
        } catch (TapException e) {
            boolean timeout = timedOut(e);
            outcome = timeout ? "timeout" : "error";
            throw new ArchiveQueryException(timeout ? "TAP timeout" : "adapter error: " + e.getMessage(), timeout, e);
        } finally {
            metrics.tapRequest(adapter, outcome, System.nanoTime() - started);
        }
    }

    static List<ObjectNode> rows(VotableTable table) {
        List<ObjectNode> out = new ArrayList<>(table.rows().size());
        for (Map<String, String> row : table.rows()) {
            TreeMap<String, String> sorted = new TreeMap<>(Utf8Order.COMPARATOR);
            sorted.putAll(row);
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            sorted.forEach((k, v) -> node.put(k, v == null ? "" : v));
            out.add(node);
        }
        return out;
    }

    static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
