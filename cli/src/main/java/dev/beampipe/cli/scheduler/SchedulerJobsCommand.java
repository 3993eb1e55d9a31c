package dev.beampipe.cli.scheduler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code beampipe scheduler jobs [--limit N]}: executions whose scheduler is slurm, newest first (as GET /scheduler/jobs). */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Slurm executions, newest first.")
public class SchedulerJobsCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    @Option(names = "--limit", defaultValue = "100", description = "How many (default ${DEFAULT-VALUE}, clamped to 1..500).")
    int limit;

    @ParentCommand
    SchedulerCommand parent;

    @Spec
    CommandSpec spec;

    /** Clamped to 1..500. */
    static int clamp(int limit) {
        return Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    @Override
    public Integer call() {
        try (Database db = parent.environment.openDatabase()) {
            List<ObjectNode> rows = db.sql().list("SELECT uuid, project_module, status, scheduler_job_id, scheduler_state, "
                            + "scheduler_raw_state, scheduler_reason, daliuge_session_id, remote_session_dir, created_at, last_reconciled_at "
                            + "FROM batch_execution_record WHERE scheduler_name = 'slurm' "
                            + "ORDER BY created_at DESC, uuid DESC LIMIT $1",
                    r -> {
                        ObjectNode o = JsonNodeFactory.instance.objectNode();
                        o.put("execution_id", r.getUUID(0).toString());
                        o.put("project_module", r.getString(1));
                        o.put("execution_status", r.getString(2));
                        o.put("scheduler_job_id", r.getString(3));
                        o.put("scheduler_state", r.getString(4));
                        o.put("scheduler_raw_state", r.getString(5));
                        o.put("scheduler_reason", r.getString(6));
                        o.put("daliuge_session_id", r.getString(7));
                        o.put("remote_session_dir", r.getString(8));
                        o.put("submitted_at", instant(r.getOffsetDateTime(9)));
                        o.put("last_reconciled_at", instant(r.getOffsetDateTime(10)));
                        return o;
                    }, clamp(limit));
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            rows.forEach(out::add);
            CommandOutput.json(spec, out);
        }
        return 0;
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
