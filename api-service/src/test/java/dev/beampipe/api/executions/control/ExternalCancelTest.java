package dev.beampipe.api.executions.control;

import com.sun.net.httpserver.HttpServer;
import dev.beampipe.api.errors.ApiException;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.ledger.control.CancellationRules;
import dev.beampipe.model.ledger.control.ExecutionCancellation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The external cancel step: dry-run requests, and a real DIM session cancel against a local HTTP server. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ExternalCancelTest {
    @Inject
    Database db;

    UUID execution(String managerUrl) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, "
                        + "daliuge_manager_url, deployment_profile_snapshot) VALUES ($1, 'm', $2, 'casda', 'running', $3, $4)",
                id, new JsonArray(), managerUrl, new JsonObject().put("deployment",
                        new JsonObject().put("kind", "rest_remote").put("deploy_host", "dim.example").put("deploy_port", 8001)));
        return id;
    }

    @Test
    void dryRunNamesTheCallWithoutMakingIt() {
        UUID id = execution(null);
        ExecutionCancellation.Confirmation c = new ExternalCancel(db, false)
                .cancel(id, new CancellationRules.Plan(CancellationRules.Backend.DALIUGE, "Beampipe Execution-1"));
        assertThat(c.dryRun()).isTrue();
        assertThat(c.request().getString("url")).isEqualTo("http://dim.example:8001/api/sessions/Beampipe%20Execution-1/cancel");
        ExecutionCancellation.Confirmation slurm = new ExternalCancel(db, false)
                .cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, "77"));
        assertThat(slurm.request().getString("command")).isEqualTo("scancel -- 77");
    }

    @Test
    void realModeCancelsTheDimSessionAndRefusesAnUnconfirmedOne() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
            ex.sendResponseHeaders(ex.getRequestURI().getPath().contains("broken") ? 500 : 200, -1);
            ex.close();
        });
        server.start();
        try {
            UUID id = execution("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            ExecutionCancellation.Confirmation c = new ExternalCancel(db, true)
                    .cancel(id, new CancellationRules.Plan(CancellationRules.Backend.DALIUGE, "s1"));
            assertThat(c.dryRun()).isFalse();
            assertThat(calls).containsExactly("POST /api/sessions/s1/cancel");
            assertThatThrownBy(() -> new ExternalCancel(db, true)
                    .cancel(id, new CancellationRules.Plan(CancellationRules.Backend.DALIUGE, "broken")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.failure().message()).startsWith("external cancellation was not confirmed");
                    });
            assertThatThrownBy(() -> new ExternalCancel(db, true)
                    .cancel(id, new CancellationRules.Plan(CancellationRules.Backend.SLURM, "77")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void dimBaseFollowsTheDebugUrlRule() {
        JsonObject snapshot = new JsonObject().put("deployment", new JsonObject().put("deploy_host", "h").put("deploy_port", 80));
        assertThat(ExternalCancel.dimBase(null, snapshot)).isEqualTo("http://h");
        assertThat(ExternalCancel.dimBase("http://stored:9000/", snapshot)).isEqualTo("http://stored:9000");
        assertThat(ExternalCancel.dimBase(null, new JsonObject().put("deployment",
                new JsonObject().put("deploy_host", "h")))).isEqualTo("http://h:8001");
        assertThat(ExternalCancel.dimBase(null, new JsonObject())).isNull();
    }
}
