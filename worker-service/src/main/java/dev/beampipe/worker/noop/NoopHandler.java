package dev.beampipe.worker.noop;

import dev.beampipe.worker.runtime.JobContext;
import dev.beampipe.worker.runtime.JobHandler;
import dev.beampipe.worker.runtime.JobResult;

/**
 * {@code noop}: the queue smoke-test job. Completes at once, or after {@code sleep_ms} (max 10 min),
 * checking its lease while it waits. Used by benchmarks, system tests, and operators checking that a
 * pool picks up work ({@code POST /api/v2/jobs {"kind":"noop"}}).
 */
public final class NoopHandler implements JobHandler {
    public static final String KIND = "noop";
    static final long MAX_SLEEP_MS = 600_000;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(JobContext context) {
        long sleep = Math.min(MAX_SLEEP_MS, Math.max(0, context.job().payload().getLong("sleep_ms", 0L)));
        long deadline = System.currentTimeMillis() + sleep;
        while (System.currentTimeMillis() < deadline) {
            context.sleep(Math.min(200, Math.max(1, deadline - System.currentTimeMillis())));
        }
        context.checkLease();
        return JobResult.done();
    }
}
