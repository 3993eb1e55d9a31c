package dev.beampipe.scheduler.service;

import dev.beampipe.model.admission.ExecutionLimits;
import dev.beampipe.model.config.revisions.ConfigRevision;
import dev.beampipe.model.config.revisions.ConfigRevisions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.security.SecurityChecks;
import dev.beampipe.model.security.SecurityScope;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.workers.WorkerIdentity;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.scheduler.discovery.DiscoveryTick;
import dev.beampipe.scheduler.execution.ExecutionTick;
import dev.beampipe.scheduler.gauges.DependencyGaugesTick;
import dev.beampipe.scheduler.gauges.QueueGaugesTick;
import dev.beampipe.scheduler.gauges.SourceGaugesTick;
import dev.beampipe.scheduler.leader.LeaderElection;
import dev.beampipe.scheduler.ticks.BootstrapTick;
import dev.beampipe.scheduler.ticks.TickRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * The scheduler-service process: competes for the leader lock and, only while leading, runs the ticks.
 * A second replica is a hot standby that takes over within seconds of the leader's session ending.
 */
@ApplicationScoped
public class SchedulerService {
    private static final Logger LOG = Logger.getLogger(SchedulerService.class);
    static final long ELECTION_PERIOD_MILLIS = 2_000;

    private Database db;
    private LeaderElection election;

    void start(@Observes StartupEvent event, MeterRegistry meters) {
        Settings settings = Settings.fromSystemEnv();
        // the same rules as the API minus the HTTP ones; strict (production) mode refuses to start on any issue
        SecurityChecks.enforce(System.getenv(), SecurityScope.NON_HTTP);
        db = Database.open(settings.databaseUrl(), Math.min(settings.dbMaxConnections(), 5));
        UUID holderId = Uuid7.next();
        String holderName = WorkerIdentity.defaultInstanceName(WorkerIdentity.hostName(System.getenv()),
                ProcessHandle.current().pid(), holderId);
        // one cached probe per process, shared by the discovery gate and beampipe_dependency_up
        TapHealth tap = TapHealth.from(System.getenv());
        ConfigRevisions revisions = new ConfigRevisions(db);
        TickRunner ticks = new TickRunner(db, holderId, List.of(
                new BootstrapTick(new JobQueue(db), settings, new dev.beampipe.model.settings.EnvValues(System.getenv()),
                        () -> revisions.activeRevisions().stream().map(ConfigRevision::spec).toList()),
                new QueueGaugesTick(db, meters),
                new SourceGaugesTick(db, meters),
                new DependencyGaugesTick(db, tap, meters),
                new DiscoveryTick(db, java.time.Duration.ofSeconds(settings.schedulerIntervalSeconds()), settings.worker().pool(),
                        tap, meters),
                new ExecutionTick(db, meters, java.time.Duration.ofSeconds(settings.schedulerIntervalSeconds()),
                        settings.worker().pool(), ExecutionLimits.ProcessCaps.fromEnv(System.getenv()))));
        election = new LeaderElection(db, holderId, holderName, ELECTION_PERIOD_MILLIS, ticks);
        Gauge.builder("beampipe_scheduler_is_leader", election, e -> e.isLeader() ? 1 : 0)
                .description("1 while this scheduler process holds the leader lock").register(meters);
        election.start();
        LOG.infof("event=scheduler_started holder_id=%s holder=%s interval_seconds=%d",
                holderId, holderName, settings.schedulerIntervalSeconds());
    }

    void stop(@Observes ShutdownEvent event) {
        if (election != null) {
            election.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
