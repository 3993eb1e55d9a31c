package dev.beampipe.worker.execute;

import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.config.wasm.WasmStore;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import dev.beampipe.worker.discovery.tap.CasdaCredentials;
import dev.beampipe.worker.staging.CasdaStagingSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The production wiring of {@link ExecuteHandler} from the process environment. */
public final class ExecuteHandlers {
    private ExecuteHandlers() {
    }

    public static ExecuteHandler create(Database db, EnvValues env, ExecuteMetrics metrics) {
        return create(db, env, System.getenv(), metrics);
    }

    static ExecuteHandler create(Database db, EnvValues env, Map<String, String> rawEnv, ExecuteMetrics metrics) {
        Optional<CasdaCredentials> credentials;
        try {
            credentials = CasdaCredentials.fromEnv(rawEnv);
        } catch (IOException e) {
            throw new UncheckedIOException("CASDA_PASSWORD_FILE cannot be read", e);
        }
        WasmStore wasm = new WasmStore(db);
        Clock clock = Clock.systemUTC();
        return new ExecuteHandler(new ExecuteHandler.Dependencies(db,
                new PinnedInputs(db, new GraphSource(GraphSource.defaultBaseDir())), new LedgerExecutePort(db),
                new StagingStep(credentials, CasdaStagingSettings.fromEnv(rawEnv)),
                new ManifestStep((project, sha) -> wasm.active(project, sha, false).isPresent()),
                new RestDaliugeBackend(clock), env, clock, metrics, slurm(rawEnv)));
    }

    /** One MINA client for the worker's life; each submission and preflight opens its own session (§4.1). */
    static SlurmExecutionBackend slurm(Map<String, String> rawEnv) {
        return new SlurmExecutionBackend(new SshConnector(SshTimeouts.defaults()), rawEnv);
    }
}
