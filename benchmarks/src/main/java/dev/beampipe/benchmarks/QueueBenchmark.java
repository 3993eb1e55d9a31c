package dev.beampipe.benchmarks;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.queue.EnqueueRequest;
import dev.beampipe.model.queue.JobQueue;
import dev.beampipe.worker.noop.NoopHandler;
import dev.beampipe.worker.runtime.HandlerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * Job-queue throughput and wake-up latency (skeleton acceptance 6 and 9). See docs/performance.md for
 * what each number means and benchmarks/README.md for how to run it.
 *
 * <p>Throughput: for workers in {1, 8} and each claim mode, N no-op jobs are enqueued by the benchmark
 * and completed by real {@code WorkerRuntime}s in this JVM (real NOTIFY, real claim transactions).
 * <em>End-to-end</em>: the workers are started and idle, then the clock starts, the jobs are enqueued
 * (while the workers already run them), and it stops when the last one is completed.
 * <em>Drain</em>: all jobs are enqueued first (no worker running), then the clock starts, the workers
 * are started, and it stops when the last one is completed.
 *
 * <p>Wake-up: one idle worker whose poll interval is 60 s, so only NOTIFY can wake it; each sample
 * enqueues one job and measures from the moment {@code JobQueue.enqueue} returned (the enqueue
 * transaction is committed) to the first statement of the job's handler. Reported, never asserted.
 */
public final class QueueBenchmark {

    /** How a worker claims: its concurrency (job slots) and claim batch size (jobs per claim transaction). */
    record Mode(String name, int concurrency, int claimBatch, String description) {
    }

    static final List<Mode> MODES = List.of(
            new Mode("unbatched", 1, 1, "1 slot per worker, 1 job per claim transaction"),
            new Mode("concurrent", 8, 1, "8 slots per worker, 1 job per claim transaction"),
            new Mode("batched", 8, 8, "8 slots per worker, up to 8 jobs per claim transaction (the default: batch = concurrency)"));

    /** One measured run. */
    record Run(String measurement, int workers, Mode mode, int jobs, int dbConnectionsPerWorker,
               double enqueueSeconds, double startSeconds, double measuredSeconds,
               long claimTransactions, long emptyClaims, double claimMeanMs, String loadAverage) {

        double jobsPerSecond() {
            return jobs / measuredSeconds;
        }

        double enqueuePerSecond() {
            return jobs / enqueueSeconds;
        }

        double jobsPerClaim() {
            return claimTransactions == 0 ? Double.NaN : (double) jobs / claimTransactions;
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("measurement", measurement)
                    .put("jobs", jobs)
                    .put("measured_seconds", Stats.round(measuredSeconds))
                    .put("jobs_per_second", Stats.round(jobsPerSecond()))
                    .put("enqueue_seconds", Stats.round(enqueueSeconds))
                    .put("enqueue_per_second", Stats.round(enqueuePerSecond()))
                    .put("worker_start_seconds", Stats.round(startSeconds))
                    .put("claim_transactions", claimTransactions)
                    .put("empty_claim_transactions", emptyClaims)
                    .put("jobs_per_claim", Stats.round(jobsPerClaim()))
                    .put("claim_transaction_mean_ms", Stats.round(claimMeanMs))
                    .put("load_average_after", loadAverage);
        }
    }

    /** The medians over the repeats of one (workers, mode) configuration. */
    record Summary(int workers, Mode mode, int dbConnectionsPerWorker, List<Run> endToEnd, List<Run> drain) {
        double endToEndJobsPerSecond() {
            return Stats.medianOf(endToEnd.stream().mapToDouble(Run::jobsPerSecond).toArray());
        }

        double enqueueWithWorkersPerSecond() {
            return Stats.medianOf(endToEnd.stream().mapToDouble(Run::enqueuePerSecond).toArray());
        }

        double drainJobsPerSecond() {
            return Stats.medianOf(drain.stream().mapToDouble(Run::jobsPerSecond).toArray());
        }

        double enqueueAlonePerSecond() {
            return Stats.medianOf(drain.stream().mapToDouble(Run::enqueuePerSecond).toArray());
        }

        double drainJobsPerClaim() {
            return Stats.medianOf(drain.stream().mapToDouble(Run::jobsPerClaim).toArray());
        }

        double drainClaimMs() {
            return Stats.medianOf(drain.stream().mapToDouble(Run::claimMeanMs).toArray());
        }

        static String range(List<Run> runs) {
            double min = runs.stream().mapToDouble(Run::jobsPerSecond).min().orElse(Double.NaN);
            double max = runs.stream().mapToDouble(Run::jobsPerSecond).max().orElse(Double.NaN);
            return String.format(Locale.ROOT, "%.0f-%.0f", min, max);
        }

        double endToEndJobsPerClaim() {
            return Stats.medianOf(endToEnd.stream().mapToDouble(Run::jobsPerClaim).toArray());
        }

        JsonObject toJson() {
            JsonArray e2e = new JsonArray();
            endToEnd.forEach(r -> e2e.add(r.toJson()));
            JsonArray dr = new JsonArray();
            drain.forEach(r -> dr.add(r.toJson()));
            return new JsonObject()
                    .put("workers", workers)
                    .put("mode", mode.name())
                    .put("mode_description", mode.description())
                    .put("worker_concurrency", mode.concurrency())
                    .put("worker_claim_batch_size", mode.claimBatch())
                    .put("db_connections_per_worker", dbConnectionsPerWorker)
                    .put("end_to_end_jobs_per_second", Stats.round(endToEndJobsPerSecond()))
                    .put("end_to_end_jobs_per_second_range", range(endToEnd))
                    .put("enqueue_with_workers_per_second", Stats.round(enqueueWithWorkersPerSecond()))
                    .put("end_to_end_jobs_per_claim", Stats.round(endToEndJobsPerClaim()))
                    .put("drain_jobs_per_second", Stats.round(drainJobsPerSecond()))
                    .put("drain_jobs_per_second_range", range(drain))
                    .put("enqueue_alone_per_second", Stats.round(enqueueAlonePerSecond()))
                    .put("drain_jobs_per_claim", Stats.round(drainJobsPerClaim()))
                    .put("drain_claim_transaction_mean_ms", Stats.round(drainClaimMs()))
                    .put("end_to_end_runs", e2e)
                    .put("drain_runs", dr);
        }
    }

    record WakeResult(Stats afterEnqueue, Stats beforeEnqueue, Stats enqueueRoundTrip, int warmup, double[] samplesMs) {
        JsonObject toJson() {
            JsonArray raw = new JsonArray();
            for (double v : samplesMs) {
                raw.add(Stats.round(v));
            }
            return new JsonObject()
                    .put("definition", "from JobQueue.enqueue returning (enqueue transaction committed) to the first "
                            + "statement of the job's handler, System.nanoTime() in one JVM; one idle worker "
                            + "(concurrency 1, poll interval 60 s, so only NOTIFY wakes it)")
                    .put("warmup_samples_excluded", warmup)
                    .put("enqueue_returned_to_handler_start", afterEnqueue.toJson())
                    .put("enqueue_called_to_handler_start", beforeEnqueue.toJson())
                    .put("enqueue_round_trip", enqueueRoundTrip.toJson())
                    .put("samples_ms", raw);
        }
    }

    // ---------------------------------------------------------------- options

    record Options(int jobs, int warmup, int repeats, int enqueueThreads, List<Integer> workers, List<Mode> modes,
                   boolean throughput, boolean wake, int wakeSamples, int wakeWarmup, int wakeGapMs,
                   int connectionBudget, int pollIntervalMs, int timeoutSeconds, Path output, boolean verbose) {

        static final String USAGE = """
                usage: QueueBenchmark [options]
                  --jobs N               jobs per measured run (default 5000)
                  --warmup N             jobs per warm-up run (each configuration, both measurements), not reported (default 1000)
                  --repeats N            measured runs per configuration and measurement; the median is reported (default 3)
                  --enqueue-threads N    concurrent producers, one enqueue transaction per job (default 4)
                  --workers LIST         worker counts (default 1,8)
                  --modes LIST           claim modes: unbatched, concurrent, batched (default all three)
                  --only WHAT            throughput | wake (default both)
                  --wake-samples N       wake-up samples (default 100)
                  --wake-warmup N        wake-up samples before those, not reported (default 10)
                  --wake-gap-ms N        idle time before each wake-up sample (default 100)
                  --connection-budget N  database connections shared by a run's workers; each worker's pool is
                                         clamp(budget / workers, 2, 10) (default 32)
                  --poll-interval-ms N   the workers' fallback poll interval in throughput runs (default 1000)
                  --timeout-seconds N    give up on a run after this long (default 300)
                  --output PATH          JSON results (default benchmarks/target/queue-benchmark.json)
                  --verbose              keep the services' INFO logs
                database: $BEAMPIPE_BENCH_DATABASE_URL, else a fresh database on
                postgres://postgres@127.0.0.1:5432/postgres (dropped afterwards), else an embedded PostgreSQL.
                """;

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean verbose = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.print(USAGE);
                    return null;
                }
                if (a.equals("--verbose")) {
                    verbose = true;
                    continue;
                }
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + a + "\n" + USAGE);
                }
                String name = a.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                values.put(name, value);
            }
            List<String> known = List.of("jobs", "warmup", "repeats", "enqueue-threads", "workers", "modes", "only",
                    "wake-samples", "wake-warmup", "wake-gap-ms", "connection-budget", "poll-interval-ms",
                    "timeout-seconds", "output");
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
                }
            }
            List<Integer> workers = Arrays.stream(values.getOrDefault("workers", "1,8").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
            List<Mode> modes = new ArrayList<>();
            for (String m : values.getOrDefault("modes", "unbatched,concurrent,batched").split(",")) {
                String name = m.trim();
                modes.add(MODES.stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown mode " + name + " (unbatched, concurrent, batched)")));
            }
            String only = values.getOrDefault("only", "");
            if (!only.isEmpty() && !only.equals("throughput") && !only.equals("wake")) {
                throw new IllegalArgumentException("--only is throughput or wake");
            }
            Path output = values.containsKey("output") ? Path.of(values.get("output")) : defaultOutput();
            Options o = new Options(
                    positive(values, "jobs", 5000), nonNegative(values, "warmup", 1000), positive(values, "repeats", 3),
                    positive(values, "enqueue-threads", 4), workers, modes,
                    !only.equals("wake"), !only.equals("throughput"),
                    positive(values, "wake-samples", 100), nonNegative(values, "wake-warmup", 10),
                    nonNegative(values, "wake-gap-ms", 100), positive(values, "connection-budget", 32),
                    positive(values, "poll-interval-ms", 1000), positive(values, "timeout-seconds", 300), output, verbose);
            if (workers.isEmpty() || workers.stream().anyMatch(w -> w <= 0)) {
                throw new IllegalArgumentException("--workers needs positive counts");
            }
            return o;
        }

        private static Path defaultOutput() {
            String property = System.getProperty("beampipe.bench.output");
            if (property != null && !property.isBlank()) {
                return Path.of(property);
            }
            return Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "target", "queue-benchmark.json")
                    : Path.of("target", "queue-benchmark.json");
        }

        private static int positive(Map<String, String> values, String name, int fallback) {
            int v = values.containsKey(name) ? Integer.parseInt(values.get(name).trim()) : fallback;
            if (v <= 0) {
                throw new IllegalArgumentException("--" + name + " must be > 0");
            }
            return v;
        }

        private static int nonNegative(Map<String, String> values, String name, int fallback) {
            int v = values.containsKey(name) ? Integer.parseInt(values.get(name).trim()) : fallback;
            if (v < 0) {
                throw new IllegalArgumentException("--" + name + " must be >= 0");
            }
            return v;
        }

        int dbConnectionsPerWorker(int workerCount) {
            return Math.max(2, Math.min(10, connectionBudget / workerCount));
        }
    }

    // ---------------------------------------------------------------- the benchmark

    private final Options options;
    private final BenchDatabase bench;
    private final Database client;
    private final JobQueue queue;
    private final ExecutorService enqueuers;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);

    private QueueBenchmark(Options options, BenchDatabase bench) {
        this.options = options;
        this.bench = bench;
        // the enqueuing side: its own client, like an API process
        this.client = Database.open(bench.url(), options.enqueueThreads() + 1);
        this.queue = new JobQueue(client);
        this.enqueuers = Executors.newFixedThreadPool(options.enqueueThreads(), r -> {
            Thread t = new Thread(r, "bench-enqueue");
            t.setDaemon(true);
            return t;
        });
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            throw e;
        }
        if (options == null) {
            return;
        }
        if (!options.verbose()) {
            quietLogs();
        }
        JsonObject machine = machine();
        String loadBefore = loadAverage();
        BenchDatabase bench = BenchDatabase.open();
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (closed.compareAndSet(false, true)) {
                bench.close();
            }
        }, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Map<String, String> server = bench.serverFacts();
            System.out.printf(Locale.ROOT, "beampipe queue benchmark: %d cpus, %s, %s%n",
                    machine.getInteger("available_processors"), machine.getString("memory"), server.get("version"));
            System.out.printf(Locale.ROOT, "database: %s (fsync=%s, synchronous_commit=%s, shared_buffers=%s)%n",
                    bench.origin(), server.get("fsync"), server.get("synchronous_commit"), server.get("shared_buffers"));
            System.out.printf(Locale.ROOT, "load average before: %s%n%n", loadBefore);
            QueueBenchmark benchmark = new QueueBenchmark(options, bench);
            try {
                benchmark.run(machine, server, loadBefore);
            } finally {
                benchmark.close();
            }
        } finally {
            if (closed.compareAndSet(false, true)) {
                bench.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private void run(JsonObject machine, Map<String, String> server, String loadBefore) throws Exception {
        Instant startedAt = Instant.now();
        List<Summary> summaries = List.of();
        if (options.throughput()) {
            summaries = measureThroughput();
        }
        WakeResult wake = options.wake() ? measureWake() : null;
        String loadAfter = loadAverage();

        System.out.println();
        if (!summaries.isEmpty()) {
            printThroughput(summaries);
        }
        if (wake != null) {
            printWake(wake);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAfter);

        JsonObject json = new JsonObject()
                .put("benchmark", "queue")
                .put("started_at", startedAt.toString())
                .put("finished_at", Instant.now().toString())
                .put("machine", machine.put("load_average_before", loadBefore).put("load_average_after", loadAfter))
                .put("database", new JsonObject().put("origin", bench.origin()).put("embedded", bench.embedded())
                        .put("settings", new JsonObject(new LinkedHashMap<>(server))))
                .put("options", new JsonObject()
                        .put("jobs", options.jobs()).put("warmup_jobs", options.warmup()).put("repeats", options.repeats())
                        .put("enqueue_threads", options.enqueueThreads())
                        .put("enqueue", "JobQueue.enqueue(EnqueueRequest.of(\"noop\", {}).inPool(pool)): one transaction per job")
                        .put("worker_poll_interval_ms", options.pollIntervalMs())
                        .put("worker_lock_seconds", BenchWorker.LOCK_SECONDS)
                        .put("connection_budget", options.connectionBudget())
                        .put("timeout_seconds", options.timeoutSeconds()));
        JsonArray throughput = new JsonArray();
        summaries.forEach(s -> throughput.add(s.toJson()));
        json.put("throughput", throughput);
        if (wake != null) {
            json.put("wake_up_latency", wake.toJson());
        }
        Path out = options.output().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
        System.out.println("JSON results: " + out);
    }

    private void close() {
        enqueuers.shutdownNow();
        client.close();
    }

    // ---------------------------------------------------------------- throughput

    /**
     * A warm-up pass over every configuration (both measurements, {@code --warmup} jobs each, not reported:
     * the JIT, connection pools and the database's caches), then {@code --repeats} measured passes. The
     * passes go round the configurations, so a burst of noise from elsewhere on the machine hits one run of
     * several configurations rather than every run of one.
     */
    private List<Summary> measureThroughput() throws Exception {
        List<int[]> configs = new ArrayList<>();
        for (int workers : options.workers()) {
            for (int m = 0; m < options.modes().size(); m++) {
                configs.add(new int[] {workers, m});
            }
        }
        if (options.warmup() > 0) {
            for (int[] c : configs) {
                Mode mode = options.modes().get(c[1]);
                String config = "w" + c[0] + "-" + mode.name();
                progress("%-22s warm-up: %d jobs end-to-end, %d drained", config, options.warmup(), options.warmup());
                runOnce(pool(config + "-warm-e2e"), c[0], mode, options.warmup(), false);
                runOnce(pool(config + "-warm-drain"), c[0], mode, options.warmup(), true);
            }
        }
        List<List<Run>> endToEnd = new ArrayList<>();
        List<List<Run>> drain = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            endToEnd.add(new ArrayList<>());
            drain.add(new ArrayList<>());
        }
        for (int r = 1; r <= options.repeats(); r++) {
            for (int i = 0; i < configs.size(); i++) {
                int workers = configs.get(i)[0];
                Mode mode = options.modes().get(configs.get(i)[1]);
                String config = "w" + workers + "-" + mode.name();
                Run e = runOnce(pool(config + "-e2e-" + r), workers, mode, options.jobs(), false);
                endToEnd.get(i).add(e);
                progress("%-22s run %d end-to-end: %5.0f jobs/s (enqueue %.0f/s, %.1f jobs/claim; load %s)", config, r,
                        e.jobsPerSecond(), e.enqueuePerSecond(), e.jobsPerClaim(), e.loadAverage());
                Run d = runOnce(pool(config + "-drain-" + r), workers, mode, options.jobs(), true);
                drain.get(i).add(d);
                progress("%-22s run %d drain:      %5.0f jobs/s (enqueue alone %.0f/s, %.1f jobs/claim; load %s)", config, r,
                        d.jobsPerSecond(), d.enqueuePerSecond(), d.jobsPerClaim(), d.loadAverage());
            }
        }
        List<Summary> summaries = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            int workers = configs.get(i)[0];
            summaries.add(new Summary(workers, options.modes().get(configs.get(i)[1]),
                    options.dbConnectionsPerWorker(workers), endToEnd.get(i), drain.get(i)));
        }
        return summaries;
    }

    private String pool(String name) {
        return "bench-" + runId + "-" + name;
    }

    private Run runOnce(String pool, int workerCount, Mode mode, int jobs, boolean drainOnly) throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        int connections = options.dbConnectionsPerWorker(workerCount);
        List<BenchWorker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < workerCount; i++) {
                workers.add(new BenchWorker(bench.url(), connections,
                        BenchWorker.settings(pool, pool + "-" + i, mode.concurrency(), mode.claimBatch(), options.pollIntervalMs()),
                        new HandlerRegistry().register(new NoopHandler()), meters));
            }
            long t0;
            long enqueued;
            long started;
            long clockStart;
            if (drainOnly) {
                t0 = System.nanoTime();
                enqueue(pool, jobs);
                enqueued = System.nanoTime();
                clockStart = System.nanoTime();
                BenchWorker.startAll(workers);
                started = System.nanoTime();
            } else {
                BenchWorker.startAll(workers);
                t0 = System.nanoTime();
                clockStart = t0;
                started = t0;
                enqueue(pool, jobs);
                enqueued = System.nanoTime();
            }
            awaitCompleted(meters, NoopHandler.KIND, jobs, clockStart);
            long done = System.nanoTime();

            long completedRows = client.sql().count("SELECT count(*) FROM jobs WHERE pool = $1 AND status = 'completed'", pool);
            if (completedRows != jobs) {
                throw new IllegalStateException(pool + ": " + completedRows + " of " + jobs + " jobs completed in the database");
            }
            Timer claimed = meters.find("beampipe_job_claim_duration").tag("result", "claimed").timer();
            Timer empty = meters.find("beampipe_job_claim_duration").tag("result", "empty").timer();
            return new Run(drainOnly ? "drain" : "end_to_end", workerCount, mode, jobs, connections,
                    seconds(enqueued - t0), seconds(started - clockStart), seconds(done - clockStart),
                    claimed == null ? 0 : claimed.count(), empty == null ? 0 : empty.count(),
                    claimed == null ? Double.NaN : claimed.mean(TimeUnit.MILLISECONDS), loadAverage());
        } finally {
            BenchWorker.closeAll(workers);
            bench.cleanUpPool(pool);
        }
    }

    private void enqueue(String pool, int jobs) throws Exception {
        EnqueueRequest request = EnqueueRequest.of(NoopHandler.KIND, new JsonObject()).inPool(pool);
        int threads = options.enqueueThreads();
        if (threads == 1) {
            for (int i = 0; i < jobs; i++) {
                queue.enqueue(request);
            }
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = jobs / threads + (t < jobs % threads ? 1 : 0);
            parts.add(enqueuers.submit(() -> {
                for (int i = 0; i < share; i++) {
                    queue.enqueue(request);
                }
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
    }

    private void awaitCompleted(MeterRegistry meters, String kind, int jobs, long clockStart) throws InterruptedException {
        long deadline = clockStart + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        while (true) {
            double completed = count(meters, kind, "completed");
            if (completed >= jobs) {
                return;
            }
            double bad = count(meters, kind, "failed") + count(meters, kind, "lease_lost");
            if (bad > 0) {
                throw new IllegalStateException(bad + " no-op jobs failed or lost their lease; see the logs (--verbose)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (long) completed + " of " + jobs + " jobs completed within "
                        + options.timeoutSeconds() + " s");
            }
            Thread.sleep(1);
        }
    }

    private static double count(MeterRegistry meters, String kind, String status) {
        Counter c = meters.find("beampipe_jobs").tag("kind", kind).tag("status", status).counter();
        return c == null ? 0 : c.count();
    }

    // ---------------------------------------------------------------- wake-up latency

    private WakeResult measureWake() throws Exception {
        String pool = pool("wake");
        int total = options.wakeWarmup() + options.wakeSamples();
        progress("wake-up latency: %d samples (+%d warm-up), idle gap %d ms", options.wakeSamples(),
                options.wakeWarmup(), options.wakeGapMs());
        BlockingQueue<long[]> starts = new LinkedBlockingQueue<>();
        MeterRegistry meters = new SimpleMeterRegistry();
        // poll interval 60 s: within a sample only NOTIFY can wake the dispatcher
        BenchWorker worker = new BenchWorker(bench.url(), options.dbConnectionsPerWorker(1),
                BenchWorker.settings(pool, pool + "-0", 1, 1, 60_000),
                new HandlerRegistry().register(new WakeProbeHandler(starts)), meters);
        long[] after = new long[options.wakeSamples()];
        long[] before = new long[options.wakeSamples()];
        long[] roundTrip = new long[options.wakeSamples()];
        try {
            worker.start();
            for (int i = 0; i < total; i++) {
                awaitIdle(worker, meters, i);
                Thread.sleep(options.wakeGapMs());
                EnqueueRequest request = EnqueueRequest.of(WakeProbeHandler.KIND, new JsonObject().put("sample", i)).inPool(pool);
                long calledAt = System.nanoTime();
                queue.enqueue(request);
                long returnedAt = System.nanoTime();
                long[] start = starts.poll(70, TimeUnit.SECONDS);
                if (start == null) {
                    throw new IllegalStateException("sample " + i + ": the idle worker did not start the job within 70 s (NOTIFY lost?)");
                }
                if (start[0] != i) {
                    throw new IllegalStateException("sample " + i + ": the worker started sample " + start[0]);
                }
                int k = i - options.wakeWarmup();
                if (k >= 0) {
                    after[k] = start[1] - returnedAt;
                    before[k] = start[1] - calledAt;
                    roundTrip[k] = returnedAt - calledAt;
                }
            }
            awaitIdle(worker, meters, total);
        } finally {
            worker.close();
            bench.cleanUpPool(pool);
        }
        double[] samples = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            samples[i] = after[i] / 1_000_000.0;
        }
        return new WakeResult(Stats.ofNanos(after), Stats.ofNanos(before), Stats.ofNanos(roundTrip),
                options.wakeWarmup(), samples);
    }

    /** Waits until {@code completed} wake jobs are completed and the worker runs nothing. */
    private void awaitIdle(BenchWorker worker, MeterRegistry meters, int completed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(meters, WakeProbeHandler.KIND, "completed") < completed || worker.runtime().inFlightCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("wake job " + (completed - 1) + " did not complete within 30 s");
            }
            Thread.sleep(1);
        }
    }

    // ---------------------------------------------------------------- report

    private void printThroughput(List<Summary> summaries) {
        System.out.printf(Locale.ROOT, "Throughput: no-op jobs, %d per run, %s%n", options.jobs(),
                options.repeats() == 1 ? "1 run per cell" : "median of " + options.repeats() + " runs per cell");
        System.out.printf(Locale.ROOT, "enqueue: %d thread(s), one transaction per job; end-to-end = enqueue while the workers run, "
                + "clock from first enqueue to last completion; drain = all enqueued first, clock from starting the workers%n",
                options.enqueueThreads());
        String header = String.format(Locale.ROOT, "| %7s | %-10s | %4s | %5s | %8s | %17s | %11s | %15s | %12s | %11s | %17s | %10s | %8s |",
                "workers", "mode", "conc", "batch", "db conns", "end-to-end jobs/s", "(range)", "enqueue/s (e2e)",
                "drain jobs/s", "(range)", "enqueue/s (alone)", "jobs/claim", "claim ms");
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]", "-"));
        for (Summary s : summaries) {
            System.out.printf(Locale.ROOT, "| %7d | %-10s | %4d | %5d | %8d | %17.0f | %11s | %15.0f | %12.0f | %11s | %17.0f | %10.2f | %8.2f |%n",
                    s.workers(), s.mode().name(), s.mode().concurrency(), s.mode().claimBatch(), s.dbConnectionsPerWorker(),
                    s.endToEndJobsPerSecond(), Summary.range(s.endToEnd()), s.enqueueWithWorkersPerSecond(),
                    s.drainJobsPerSecond(), Summary.range(s.drain()), s.enqueueAlonePerSecond(), s.drainJobsPerClaim(),
                    s.drainClaimMs());
        }
        System.out.println("(conc = job slots per worker; batch = claim batch size; db conns = each worker's pool; range = min-max "
                + "over the runs; jobs/claim and claim ms = jobs per non-empty claim transaction and its mean duration, drain runs)");
        System.out.println();
    }

    private static void printWake(WakeResult w) {
        System.out.printf(Locale.ROOT, "Wake-up latency: one idle worker (poll interval 60 s), %d samples after %d warm-up%n",
                w.afterEnqueue().count(), w.warmup());
        String header = String.format(Locale.ROOT, "| %-40s | %9s | %9s | %9s | %9s | %9s |",
                "measured", "median ms", "p95 ms", "max ms", "min ms", "mean ms");
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]", "-"));
        row("enqueue returned -> handler start", w.afterEnqueue());
        row("enqueue called -> handler start", w.beforeEnqueue());
        row("enqueue call (round trip, committed)", w.enqueueRoundTrip());
        System.out.printf(Locale.ROOT, "acceptance 6 (< 100 ms, reported, not asserted): median %.1f ms, p95 %.1f ms%n%n",
                w.afterEnqueue().median(), w.afterEnqueue().p95());
    }

    private static void row(String label, Stats s) {
        System.out.printf(Locale.ROOT, "| %-40s | %9.2f | %9.2f | %9.2f | %9.2f | %9.2f |%n",
                label, s.median(), s.p95(), s.max(), s.min(), s.mean());
    }

    private static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", args);
        System.out.flush();
    }

    // ---------------------------------------------------------------- environment

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static JsonObject machine() {
        JsonObject m = new JsonObject()
                .put("available_processors", Runtime.getRuntime().availableProcessors())
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            m.put("memory_bytes", total);
            m.put("memory", String.format(Locale.ROOT, "%.1f GiB RAM", total / (1024.0 * 1024 * 1024)));
        } else {
            m.put("memory", "unknown RAM");
        }
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu_model", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return m;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The services log every worker start and stop at INFO; the benchmark keeps only warnings. */
    private static void quietLogs() {
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.WARNING);
        }
        for (String name : new String[] {"dev.beampipe", "org.flywaydb", "io.vertx", "io.zonky"}) {
            java.util.logging.Logger.getLogger(name).setLevel(Level.WARNING);
        }
    }
}
