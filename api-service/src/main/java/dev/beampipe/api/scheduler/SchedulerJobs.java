package dev.beampipe.api.scheduler;

import dev.beampipe.model.db.Sql;

import java.time.OffsetDateTime;
import java.util.List;

/** Executions submitted through Slurm, newest first, limit/offset paginated (20-api §1.6). */
public final class SchedulerJobs {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private SchedulerJobs() {
    }

    /** limit default 100, clamped to 1..500; offset floored at 0. */
    static int limit(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    static int offset(Integer offset) {
        return offset == null ? 0 : Math.max(0, offset);
    }

    static List<SchedulerJobRead> list(Sql sql, Integer limit, Integer offset) {
        return sql.list("SELECT uuid, project_module, status, scheduler_job_id, scheduler_state, scheduler_raw_state, "
                        + "scheduler_reason, daliuge_session_id, remote_session_dir, created_at, last_reconciled_at "
                        + "FROM batch_execution_record WHERE scheduler_name = 'slurm' "
                        + "ORDER BY created_at DESC, uuid DESC LIMIT $1 OFFSET $2",
                r -> new SchedulerJobRead(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), instant(r.getOffsetDateTime(9)),
                        instant(r.getOffsetDateTime(10))),
                limit(limit), offset(offset));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
