package dev.beampipe.benchmarks;

import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;

import java.util.concurrent.BlockingQueue;

/**
 * {@code bench_wake}: records {@link System#nanoTime()} as the very first thing the handler does (the
 * moment the job "starts"), hands {@code (sample, nanoTime)} to the benchmark, and completes.
 */
final class WakeProbeHandler implements JobHandler {
    static final String KIND = "bench_wake";

    private final BlockingQueue<long[]> starts;

    WakeProbeHandler(BlockingQueue<long[]> starts) {
        this.starts = starts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(JobContext context) {
        long started = System.nanoTime();
        long sample = context.job().payload().getLong("sample", -1L);
        starts.add(new long[] {sample, started});
        return JobResult.done();
    }
}
