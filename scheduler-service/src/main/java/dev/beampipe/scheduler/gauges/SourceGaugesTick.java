package dev.beampipe.scheduler.gauges;

import dev.beampipe.model.config.signature.DiscoverySignature;
import dev.beampipe.model.sources.ReadinessLabel;
import dev.beampipe.model.db.Database;
import dev.beampipe.scheduler.ticks.Tick;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DB-derived source gauges, computed once by the leader (decision 17), one SQL query per family:
 * {@code beampipe_workflow_pending_sources} and {@code beampipe_pending_age_seconds} (per module: enabled sources
 * flagged pending and the age of the oldest; 0 for modules with an active config or an enabled source and none
 * pending), {@code beampipe_sources_processing{project_module,phase}} and (ours)
 * {@code beampipe_sources_by_readiness{project_module,readiness}}. Every known module gets every label value
 * (0 when empty); a module that vanished is reset to 0 by the {@link GaugeBoard}.
 */
public final class SourceGaugesTick implements Tick {
    static final String PENDING = "beampipe_workflow_pending_sources";
    static final String PENDING_AGE = "beampipe_pending_age_seconds";
    static final String PROCESSING = "beampipe_sources_processing";
    static final String READINESS = "beampipe_sources_by_readiness";

    /** Modules: an active project config or at least one enabled source. Pending counts enabled sources only. */
    static final String PENDING_SQL = """
            WITH modules AS (
                SELECT project_id AS module FROM project_configs WHERE active
                UNION SELECT project_module FROM source_registry WHERE enabled)
            SELECT m.module, count(s.uuid),
                   COALESCE(GREATEST(0, EXTRACT(EPOCH FROM now() - min(s.workflow_run_pending_at))), 0)::float8
            FROM modules m
            LEFT JOIN source_registry s ON s.project_module = m.module AND s.enabled AND s.workflow_run_pending
            GROUP BY m.module""";

    /** Active executions name their sources as {@code [{"source_identifier": …}, …]} (a bare string is accepted too). */
    static final String PROCESSING_SQL = """
            WITH executing AS (
                SELECT DISTINCT e.project_module, COALESCE(src->>'source_identifier', src #>> '{}') AS sid
                FROM batch_execution_record e,
                     jsonb_array_elements(CASE WHEN jsonb_typeof(e.sources) = 'array' THEN e.sources ELSE '[]'::jsonb END) src
                WHERE e.status IN ('pending', 'running', 'retrying', 'awaiting_scheduler'))
            SELECT s.project_module,
                   COALESCE(s.discovery_claim_token IS NOT NULL AND s.discovery_claim_expires_at > now(), false) AS discovering,
                   (s.workflow_claim_token IS NOT NULL AND COALESCE(s.workflow_claim_expires_at > now(), true)) AS admitting,
                   (x.sid IS NOT NULL) AS executing,
                   count(*)
            FROM source_registry s
            LEFT JOIN executing x ON x.project_module = s.project_module AND x.sid = s.source_identifier
            GROUP BY 1, 2, 3, 4""";

    static final String READINESS_SQL = """
            SELECT project_module, enabled,
                   COALESCE(discovery_claim_token IS NOT NULL AND discovery_claim_expires_at > now(), false) AS discovering,
                   workflow_run_pending,
                   COALESCE(discovery_signature, '') <> '' AS discovered,
                   discovery_signature IS NOT DISTINCT FROM $1 AS no_datasets,
                   COALESCE(discovery_signature <> '' AND discovery_signature = last_executed_discovery_signature, false) AS executed,
                   count(*)
            FROM source_registry
            GROUP BY 1, 2, 3, 4, 5, 6, 7""";

    private final Database db;
    private final GaugeBoard board;

    public SourceGaugesTick(Database db, MeterRegistry registry) {
        this.db = db;
        this.board = new GaugeBoard(registry);
    }

    @Override
    public String name() {
        return "source_gauges";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(15);
    }

    @Override
    public void run() {
        pending();
        processing();
        readiness();
    }

    private void pending() {
        record Row(String module, long pending, double age) {
        }
        var rows = db.sql().list(PENDING_SQL, r -> new Row(r.getString(0), r.getLong(1), r.getDouble(2)));
        board.resetAll(PENDING);
        board.resetAll(PENDING_AGE);
        for (Row row : rows) {
            Tags tags = Tags.of("project_module", row.module());
            board.set(PENDING, "Enabled sources flagged workflow-pending (awaiting admission)", tags, row.pending());
            board.set(PENDING_AGE, "Age of the oldest pending source", tags, row.age());
        }
    }

    private void processing() {
        record Row(String module, boolean discovering, boolean admitting, boolean executing, long n) {
        }
        Map<String, Map<SourcePhase, Long>> counts = new TreeMap<>();
        for (Row row : db.sql().list(PROCESSING_SQL,
                r -> new Row(r.getString(0), r.getBoolean(1), r.getBoolean(2), r.getBoolean(3), r.getLong(4)))) {
            Map<SourcePhase, Long> module = counts.computeIfAbsent(row.module(), k -> zeros(SourcePhase.class));
            SourcePhase.highest(row.discovering(), row.admitting(), row.executing())
                    .ifPresent(phase -> module.merge(phase, row.n(), Long::sum));
        }
        board.resetAll(PROCESSING);
        counts.forEach((module, phases) -> phases.forEach((phase, n) -> board.set(PROCESSING,
                "Sources in flight, each counted once at its highest phase",
                Tags.of("project_module", module, "phase", phase.label()), n)));
    }

    private void readiness() {
        record Row(String module, ReadinessLabel.Facts facts, long n) {
        }
        Map<String, Map<ReadinessLabel, Long>> counts = new TreeMap<>();
        for (Row row : db.sql().list(READINESS_SQL, r -> new Row(r.getString(0), new ReadinessLabel.Facts(r.getBoolean(1),
                r.getBoolean(2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5), r.getBoolean(6), false), r.getLong(7)),
                DiscoverySignature.NO_DATASETS_SIGNATURE)) {
            counts.computeIfAbsent(row.module(), k -> zeros(ReadinessLabel.class, ReadinessLabel.GAUGED))
                    .merge(ReadinessLabel.of(row.facts()), row.n(), Long::sum);
        }
        board.resetAll(READINESS);
        counts.forEach((module, states) -> states.forEach((readiness, n) -> board.set(READINESS,
                "Sources per readiness, in the console's words",
                Tags.of("project_module", module, "readiness", readiness.label()), n)));
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        return zeros(type, java.util.EnumSet.allOf(type));
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type, java.util.Collection<E> labels) {
        Map<E, Long> out = new EnumMap<>(type);
        for (E e : labels) {
            out.put(e, 0L);
        }
        return out;
    }
}
