package dev.beampipe.worker.slurmpoll;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.slurm.ops.SlurmNameLookup;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshSessionPool;
import dev.beampipe.model.slurm.ssh.SshTimeouts;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The production wiring of {@link SlurmPollTickHandler} from the process environment. */
public final class SlurmPollTickHandlers {
    private SlurmPollTickHandlers() {
    }

    public static SlurmPollTickHandler create(Database db, Map<String, String> rawEnv, SlurmPollMetrics metrics) {
        SlurmPollSettings settings = SlurmPollSettings.from(new EnvValues(rawEnv));
        SshConnector connector = new SshConnector(SshTimeouts.defaults());
        SshSessionPool pool = new SshSessionPool(connector, settings.sshIdle());
        Clock clock = Clock.systemUTC();
        SlurmPoller poller = new SlurmPoller(db, rawEnv, SlurmPoller.pooled(pool), SlurmPollSettings.TARGET_LIMIT, clock,
                settings.useRealBackends(), metrics);
        SlurmNameReconciler reconciler = new SlurmNameReconciler(db, connector, rawEnv, new SlurmNameLookup(), clock,
                metrics, settings.batchLimit(), settings.useRealBackends());
        return new SlurmPollTickHandler(db, reconciler, poller, settings, metrics, pool, List.of(pool, connector));
    }
}
