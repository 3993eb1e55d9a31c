package dev.beampipe.worker.service;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.discovery.ProjectDiscovery;
import dev.beampipe.model.discovery.persist.DiscoveryPersistence;
import dev.beampipe.model.settings.EnvValues;
import dev.beampipe.model.maintenance.QueueMaintenance;
import dev.beampipe.model.security.SecurityChecks;
import dev.beampipe.model.security.SecurityScope;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.workers.WorkerRegistry;
import dev.beampipe.worker.discovery.DiscoveryTriggerHandler;
import dev.beampipe.worker.discovery.batch.DiscoverBatchHandler;
import dev.beampipe.worker.discovery.batch.DiscoveryMetrics;
import dev.beampipe.worker.dimpoll.DimPollHandler;
import dev.beampipe.worker.dimpoll.DimPollLedger;
import dev.beampipe.worker.dimpoll.DimPollMetrics;
import dev.beampipe.worker.dimpoll.DimPollSettings;
import dev.beampipe.worker.dimpoll.DimPollTickHandler;
import dev.beampipe.worker.dimpoll.DimPoller;
import dev.beampipe.worker.execute.ExecuteHandlers;
import dev.beampipe.worker.slurmpoll.SlurmPollMetrics;
import dev.beampipe.worker.slurmpoll.SlurmPollTickHandlers;
import dev.beampipe.worker.execute.ExecuteMetrics;
import dev.beampipe.worker.maintenance.LeaseRecoveryTick;
import dev.beampipe.worker.maintenance.LostWorkerTick;
import dev.beampipe.worker.maintenance.RetentionTick;
import dev.beampipe.worker.noop.NoopHandler;
import dev.beampipe.worker.runtime.HandlerRegistry;
import dev.beampipe.worker.runtime.WorkerMetrics;
import dev.beampipe.worker.runtime.WorkerRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The worker-service process: one {@link WorkerRuntime} with every handler. It never runs scheduler
 * duties, whatever {@code BEAMPIPE_WORKER_SCHEDULER_ENABLED} says (decision 1).
 */
@ApplicationScoped
public class WorkerService {
    private static final Logger LOG = Logger.getLogger(WorkerService.class);

    private Database db;
    private WorkerRuntime runtime;
    private HandlerRegistry handlers;

    void start(@Observes StartupEvent event, MeterRegistry meters) {
        Settings settings = Settings.fromSystemEnv();
        // the same rules as the API minus the HTTP ones; strict (production) mode refuses to start on any issue
        SecurityChecks.enforce(System.getenv(), SecurityScope.NON_HTTP);
        if ("true".equalsIgnoreCase(System.getenv("BEAMPIPE_WORKER_SCHEDULER_ENABLED"))) {
            LOG.info("BEAMPIPE_WORKER_SCHEDULER_ENABLED is ignored by worker-service: only scheduler-service runs ticks");
        }
        db = Database.open(settings.databaseUrl(), settings.dbMaxConnections());
        QueueMaintenance maintenance = new QueueMaintenance(db);
        handlers = handlers(db, maintenance, settings.worker().pool(), new EnvValues(System.getenv()),
                new DiscoveryMetrics(meters), new DimPollMetrics(meters), new ExecuteMetrics(meters),
                new SlurmPollMetrics(meters));
        runtime = new WorkerRuntime(db, settings.worker(), handlers, new WorkerMetrics(meters), System.getenv());
        runtime.start();
    }

    static HandlerRegistry handlers(Database db, QueueMaintenance maintenance, String pool, EnvValues env,
                                    DiscoveryMetrics discoveryMetrics, DimPollMetrics dimPollMetrics,
                                    ExecuteMetrics executeMetrics, SlurmPollMetrics slurmPollMetrics) {
        DimPollSettings dimPoll = DimPollSettings.from(env);
        DimPoller.Clients dimClients = DimPoller.httpClients();
        DimPoller poller = new DimPoller(new DimPollLedger(db), dimPoll, dimPollMetrics, dimClients);
        return new HandlerRegistry()
                .register(new NoopHandler())
                .register(new DiscoveryTriggerHandler(new ProjectDiscovery(db), pool))
                .register(new DiscoverBatchHandler(new ConfigRevisions(db), new DiscoveryPersistence(db),
                        DiscoverBatchHandler.sourceConcurrency(env), env, discoveryMetrics))
                .register(ExecuteHandlers.create(db, env, executeMetrics))
                .register(new LeaseRecoveryTick(maintenance))
                .register(new LostWorkerTick(new WorkerRegistry(db)))
                .register(new RetentionTick(maintenance))
                .register(new DimPollTickHandler(db, poller, dimPoll, dimPollMetrics))
                .register(new DimPollHandler(db, poller, dimPoll, dimClients, java.time.Clock.systemUTC()))
                .register(SlurmPollTickHandlers.create(db, System.getenv(), slurmPollMetrics));
    }

    void stop(@Observes ShutdownEvent event) {
        if (runtime != null) {
            runtime.close();
        }
        if (handlers != null) {
            handlers.close(); // after the runtime: no job uses their SSH clients and pools any more
        }
        if (db != null) {
            db.close();
        }
    }
}
