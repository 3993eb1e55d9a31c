package dev.beampipe.worker.runtime;

import dev.beampipe.model.BuildInfo;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.queue.ClaimedJob;
import dev.beampipe.model.queue.FailureOutcome;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.model.queue.Lease;
import dev.beampipe.model.queue.Outcome;
import dev.beampipe.model.settings.WorkerSettings;
import dev.beampipe.model.workers.WorkerIdentity;
import dev.beampipe.model.workers.WorkerRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker process's job loop (10-state-and-jobs §3.6): registers, heartbeats, claims up to its free
 * slots (woken by NOTIFY, polling as the fallback), runs handlers under lease renewal every lock/3,
 * stops a handler whose lease is lost, and on shutdown drains, then releases what did not finish.
 */
public final class WorkerRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkerRuntime.class);

    private final Database db;
    private final JobQueue queue;
    private final WorkerRegistry registry;
    private final WorkerSettings settings;
    private final HandlerRegistry handlers;
    private final WorkerMetrics metrics;
    private final WorkerIdentity identity;
    private final Map<UUID, Running> inFlight = new ConcurrentHashMap<>();
    private final WakeSignal wake = new WakeSignal();
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final JobNotifications notifications;
    private volatile boolean stopping;
    private volatile boolean registered;
    private Thread dispatcher;

    private record Running(ClaimedJob claimed, JobContext context, Future<?> future, Instant startedAt) {
    }

    public WorkerRuntime(Database db, WorkerSettings settings, HandlerRegistry handlers, WorkerMetrics metrics, Map<String, String> env) {
        this.db = db;
        this.queue = new JobQueue(db);
        this.registry = new WorkerRegistry(db);
        this.settings = settings;
        this.handlers = handlers;
        this.metrics = metrics;
        UUID id = Uuid7.next();
        String host = WorkerIdentity.hostName(env);
        long pid = ProcessHandle.current().pid();
        this.identity = new WorkerIdentity(id,
                settings.instanceName().orElse(WorkerIdentity.defaultInstanceName(host, pid, id)),
                host, (int) pid, "worker", settings.pool(), settings.capabilities(), settings.labels(),
                BuildInfo.version(), settings.concurrency());
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), named("beampipe-job-" + id.toString().substring(0, 8)));
        this.timers = Executors.newScheduledThreadPool(2, named("beampipe-worker-timer"));
        this.notifications = new JobNotifications(db, settings.pool(), wake::signal);
    }

    public UUID id() {
        return identity.id();
    }

    public WorkerIdentity identity() {
        return identity;
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    public synchronized void start() {
        if (dispatcher != null) {
            return;
        }
        registerUntilItWorks();
        notifications.start();
        int heartbeat = settings.heartbeatIntervalSeconds();
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.SECONDS);
        long renewEvery = Math.max(1, settings.lockSeconds() / 3);
        timers.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.SECONDS);
        dispatcher = new Thread(this::dispatchLoop, "beampipe-dispatcher");
        dispatcher.start();
        LOG.infof("event=worker_started worker_id=%s instance=%s pool=%s concurrency=%d capabilities=%s",
                identity.id(), identity.instanceName(), identity.pool(), identity.concurrencyLimit(), identity.capabilities());
    }

    private void registerUntilItWorks() {
        while (!stopping) {
            try {
                registry.register(identity);
                registered = true;
                return;
            } catch (RuntimeException e) {
                LOG.warnf("event=worker_register_failed worker_id=%s: %s; retrying", identity.id(), e.getMessage());
                sleepQuietly(settings.heartbeatIntervalSeconds() * 1000L);
            }
        }
    }

    private void heartbeat() {
        try {
            if (!registry.heartbeat(identity.id())) {
                LOG.warnf("event=worker_heartbeat_rejected worker_id=%s (row stopped or missing)", identity.id());
            }
            notifications.ensureConnected();
        } catch (RuntimeException e) {
            LOG.warnf("event=worker_heartbeat_failed worker_id=%s: %s", identity.id(), e.getMessage());
        }
    }

    private void dispatchLoop() {
        while (!stopping) {
            int claimed = 0;
            try {
                int free = settings.concurrency() - inFlight.size();
                if (free > 0) {
                    claimed = claimAndRun(Math.min(free, settings.claimBatchSize()));
                }
            } catch (RuntimeException e) {
                LOG.warnf("event=job_claim_failed worker_id=%s: %s", identity.id(), e.getMessage());
            }
            if (stopping) {
                break;
            }
            // Decision: no sleep after a claim that found work (the reference sleeps after every job);
            // otherwise wait for NOTIFY, a finished job, or the poll interval.
            if (claimed == 0 || inFlight.size() >= settings.concurrency()) {
                try {
                    wake.await(Math.max(10, settings.pollIntervalMs()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int claimAndRun(int max) {
        Instant before = Instant.now();
        List<ClaimedJob> jobs = queue.claim(identity.id(), settings.pool(), settings.lockSeconds(), max);
        metrics.claimLatency(Duration.between(before, Instant.now()), jobs.size());
        for (ClaimedJob claimed : jobs) {
            String kind = claimed.job().kind();
            metrics.job(kind, "claimed");
            if (claimed.recovered()) {
                metrics.recovered(kind);
            }
            OffsetDateTime runnableAt = claimed.job().nextRunAt();
            if (runnableAt != null) {
                metrics.queueWait(kind, Duration.between(runnableAt.toInstant(), before));
            }
            JobContext context = new JobContext(claimed);
            Instant started = Instant.now();
            // register before submitting so a fast job's removal cannot precede its insertion
            synchronized (context) {
                Future<?> future = executor.submit(() -> runJob(context, started));
                inFlight.put(claimed.job().id(), new Running(claimed, context, future, started));
            }
        }
        return jobs.size();
    }

    private void runJob(JobContext context, Instant started) {
        synchronized (context) {
            // waits until the dispatcher has recorded the job as in flight
        }
        ClaimedJob claimed = new ClaimedJob(context.job(), context.lease(), context.recovered());
        String kind = claimed.job().kind();
        try {
            JobHandler handler = handlers.forKind(kind)
                    .orElseThrow(() -> new IllegalStateException("unknown job kind " + kind));
            JobResult result = handler.handle(context);
            if (context.leaseLost()) {
                metrics.job(kind, "lease_lost");
                return;
            }
            Outcome outcome = result.reschedules()
                    ? queue.reschedule(claimed.lease(), result.rescheduleAfterSeconds())
                    : queue.complete(claimed.lease());
            if (outcome == Outcome.FENCED) {
                metrics.job(kind, "lease_lost");
                LOG.warnf("event=job_fenced_update_rejected job_id=%s kind=%s", claimed.job().id(), kind);
            } else {
                metrics.job(kind, "completed");
            }
        } catch (LeaseLostException e) {
            metrics.job(kind, "lease_lost");
            LOG.warnf("event=job_lease_lost job_id=%s kind=%s", claimed.job().id(), kind);
        } catch (Exception e) {
            if (context.leaseLost() || (e instanceof InterruptedException && stopping)) {
                metrics.job(kind, "lease_lost");
                return;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                FailureOutcome outcome = queue.fail(claimed.lease(), kind, message);
                metrics.job(kind, outcome.applied() ? "failed" : "lease_lost");
                if (outcome.applied()) {
                    LOG.warnf("event=job_failed job_id=%s kind=%s outcome=%s failure_class=%s retry_in=%ds: %s",
                            claimed.job().id(), kind, outcome.kind(), outcome.failureClass(), outcome.retryDelaySeconds(), message);
                } else {
                    LOG.warnf("event=job_fenced_failure_rejected job_id=%s kind=%s", claimed.job().id(), kind);
                }
            } catch (RuntimeException dbError) {
                LOG.errorf("event=job_outcome_write_failed job_id=%s kind=%s: %s (the lease will expire and the job be recovered)",
                        claimed.job().id(), kind, dbError.getMessage());
            }
        } finally {
            metrics.duration(kind, Duration.between(started, Instant.now()));
            inFlight.remove(claimed.job().id());
            wake.signal();
        }
    }

    private void renewLeases() {
        List<Running> running = new ArrayList<>(inFlight.values());
        if (running.isEmpty()) {
            return;
        }
        Set<UUID> kept;
        try {
            kept = queue.renew(identity.id(), running.stream().map(r -> r.claimed().lease()).toList(), settings.lockSeconds());
        } catch (RuntimeException e) {
            LOG.warnf("event=job_lease_renew_failed worker_id=%s: %s", identity.id(), e.getMessage());
            return;
        }
        for (Running r : running) {
            UUID jobId = r.claimed().job().id();
            if (!kept.contains(jobId) && inFlight.containsKey(jobId)) {
                LOG.warnf("event=job_lease_lost job_id=%s kind=%s; stopping its handler", jobId, r.claimed().job().kind());
                r.context().markLeaseLost();
                r.future().cancel(true);
            }
        }
    }

    /**
     * Graceful stop: no new claims, row {@code draining}, wait up to the grace period for running jobs,
     * interrupt and release the rest (so another worker starts them at once), row {@code stopped}.
     */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        wake.signal();
        if (registered) {
            try {
                registry.drain(identity.id());
            } catch (RuntimeException e) {
                LOG.warnf("event=worker_drain_failed worker_id=%s: %s", identity.id(), e.getMessage());
            }
        }
        if (dispatcher != null) {
            try {
                dispatcher.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.shutdownGraceSeconds());
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(250);
        }
        List<Running> unfinished = new ArrayList<>(inFlight.values());
        for (Running r : unfinished) {
            r.context().markLeaseLost();
            r.future().cancel(true);
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Running r : unfinished) {
            try {
                queue.release(r.claimed().lease(), "worker_shutdown");
            } catch (RuntimeException e) {
                LOG.warnf("event=job_release_failed job_id=%s: %s (its lease will expire)", r.claimed().job().id(), e.getMessage());
            }
        }
        timers.shutdownNow();
        notifications.close();
        if (registered) {
            try {
                registry.markStopped(identity.id());
            } catch (RuntimeException e) {
                LOG.warnf("event=worker_stop_mark_failed worker_id=%s: %s", identity.id(), e.getMessage());
            }
        }
        LOG.infof("event=worker_stopped worker_id=%s released=%d", identity.id(), unfinished.size());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
