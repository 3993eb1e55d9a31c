package dev.beampipe.model.slurm.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.slurm.protocol.MalformedLookupException;
import dev.beampipe.model.slurm.protocol.NameLookupParsing;
import dev.beampipe.model.slurm.protocol.NameLookupRow;
import dev.beampipe.model.slurm.protocol.SlurmQueries;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Find a job by its name (= the session id) in squeue and sacct (40-backends §4.9). Both queries must answer
 * cleanly; anything else is an {@code error} outcome, never negative evidence.
 */
public final class SlurmNameLookup {
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);
    private final Duration limit;
    private final Clock clock;

    public SlurmNameLookup() {
        this(DEFAULT_LIMIT, Clock.systemUTC());
    }

    public SlurmNameLookup(Duration limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** How one source answered: {@code ok} (with its matching rows), {@code error}, {@code malformed} or {@code not_run}. */
    public record SourceResult(String status, int rows, String error) {
        static final SourceResult NOT_RUN = new SourceResult("not_run", 0, null);

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("status", status);
            o.put("rows", rows);
            o.put("error", error);
            return o;
        }
    }

    /**
     * {@code outcome} exact|not_found|ambiguous|error; {@code errorKind} for errors ({@code scheduler_<kind>} or
     * {@code find_by_name_timeout}); {@code complete} true only when both sources answered and parsed.
     */
    public record LookupResult(String outcome, List<NameLookupRow> rows, SourceResult squeue, SourceResult sacct,
                               Instant notBefore, Instant startedAt, Instant completedAt, boolean complete,
                               String errorKind, String error) {
        public List<String> matchedJobIds() {
            return rows.stream().map(NameLookupRow::jobId).toList();
        }

        /** The evidence fields this lookup contributes to the {@code beampipe-slurm-name-lookup/v1} payload. */
        public ObjectNode evidence() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("accounting_not_before", notBefore.toString());
            o.put("query_started_at", startedAt.toString());
            o.put("query_completed_at", completedAt.toString());
            ObjectNode sources = o.putObject("sources");
            sources.set("squeue", squeue.toJson());
            sources.set("sacct", sacct.toJson());
            o.put("query_complete", complete);
            o.put("result", outcome);
            ArrayNode ids = o.putArray("matched_scheduler_job_ids");
            matchedJobIds().forEach(ids::add);
            ArrayNode rowsJson = o.putArray("rows");
            for (NameLookupRow r : rows) {
                ObjectNode row = rowsJson.addObject();
                row.put("job_id", r.jobId());
                row.put("state", r.state().name());
                row.put("raw_state", r.rawState());
                row.put("reason", r.reason());
            }
            if (errorKind != null) {
                o.put("error_kind", errorKind);
                o.put("error", error);
            }
            return o;
        }
    }

    public LookupResult lookup(RemoteShell shell, String sid, Instant intentAt) throws InterruptedException {
        Instant started = clock.instant();
        Instant notBefore = intentAt.truncatedTo(ChronoUnit.SECONDS);
        long deadline = System.nanoTime() + limit.toNanos();
        SourceResult squeue = SourceResult.NOT_RUN;
        SourceResult sacct = SourceResult.NOT_RUN;
        try {
            String squeueCmd = SlurmQueries.squeueByName(sid);
            String sacctCmd = SlurmQueries.sacctByName(sid, notBefore);
            Answer q = run(shell, squeueCmd, sid, deadline);
            squeue = q.source;
            if (q.rows == null) {
                return failed(q, squeue, sacct, notBefore, started);
            }
            Answer a = run(shell, sacctCmd, sid, deadline);
            sacct = a.source;
            if (a.rows == null) {
                return failed(a, squeue, sacct, notBefore, started);
            }
            List<NameLookupRow> merged = NameLookupParsing.merge(q.rows, a.rows);
            return new LookupResult(NameLookupParsing.outcome(merged), merged, squeue, sacct, notBefore, started,
                    clock.instant(), true, null, null);
        } catch (IllegalArgumentException e) {
            return new LookupResult("error", List.of(), squeue, sacct, notBefore, started, clock.instant(), false,
                    "scheduler_invalid_name", e.getMessage());
        }
    }

    private LookupResult failed(Answer answer, SourceResult squeue, SourceResult sacct, Instant notBefore, Instant started) {
        return new LookupResult("error", List.of(), squeue, sacct, notBefore, started, clock.instant(), false,
                answer.errorKind, answer.source.error());
    }

    /** rows == null → the source failed ({@code errorKind} set). */
    private record Answer(SourceResult source, List<NameLookupRow> rows, String errorKind) {
    }

    private Answer run(RemoteShell shell, String command, String sid, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new Answer(new SourceResult("error", 0, "find by name timed out after " + limit.toSeconds() + "s"),
                    null, "find_by_name_timeout");
        }
        try {
            CommandResult r = shell.exec(command, Duration.ofNanos(left));
            r.requireOk(command);
            List<NameLookupRow> rows = NameLookupParsing.parse(r.stdout(), sid);
            return new Answer(new SourceResult("ok", rows.size(), null), rows, null);
        } catch (SshFailure e) {
            String kind = e.kind() == SshFailure.Kind.TIMEOUT && System.nanoTime() - deadline >= 0
                    ? "find_by_name_timeout" : "scheduler_" + e.kind().name().toLowerCase(Locale.ROOT);
            return new Answer(new SourceResult("error", 0, e.getMessage()), null, kind);
        } catch (MalformedLookupException e) {
            return new Answer(new SourceResult("malformed", 0, e.getMessage()), null, "scheduler_malformed_output");
        }
    }
}
