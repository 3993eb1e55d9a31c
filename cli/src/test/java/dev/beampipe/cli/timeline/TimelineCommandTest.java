package dev.beampipe.cli.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.cli.CliSetup;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import dev.beampipe.model.sources.NewSource;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.sources.SourceRow;
import dev.beampipe.model.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code beampipe timeline …} run in-process against a fresh migrated PostgreSQL database. */
class TimelineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static TestDatabase database;
    private static Database db;
    private static SourceRow discovered;
    private static SourceRow fresh;
    private static SourceRow busy;
    private static UUID execution;
    private static UUID runningJob;

    @BeforeAll
    static void seed() {
        database = TestDatabase.create();
        db = database.db();
        SourceRegistry registry = new SourceRegistry(db);
        discovered = registry.register(new NewSource("survey_a", "HIPASSJ1318-21", true));
        fresh = registry.register(new NewSource("survey_a", "HIPASSJ0005-28", false));
        busy = registry.register(new NewSource("survey_a", "HIPASSJ2000-10", true));
        registry.register(new NewSource("survey_b", "HIPASSJ1318-21", true));
        db.sql().update("UPDATE source_registry SET last_checked_at = now(), discovery_signature = $2 WHERE uuid = $1",
                discovered.uuid(), "a".repeat(64));
        db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                + "VALUES ($1, 'survey_a', 'HIPASSJ1318-21', '66866', $2)", Uuid7.next(),
                new JsonObject().put("discovery_flags", new JsonObject().put("ra_dec_vsys_complete", true)));
        // 120 events of the discovered source, one a minute; the last one carries a secret in its payload
        for (int i = 0; i < 120; i++) {
            event(T0.plusSeconds(60L * i), i == 119 ? "discovery.changed" : "discovery.unchanged", "survey_a",
                    "HIPASSJ1318-21", null, "tick-" + i,
                    i == 119 ? new JsonObject().put("sbids", new JsonArray().add("66866")).put("password", "hunter2")
                            : new JsonObject().put("n", i));
        }
        // same identifier in another project: never part of survey_a's timelines
        event(T0.plusSeconds(99_999), "discovery.error", "survey_b", "HIPASSJ1318-21", null, "other", new JsonObject());

        execution = Uuid7.next();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, status, execution_phase) "
                        + "VALUES ($1, 'survey_a', $2, 'casda', 'running', 'submit')", execution,
                new JsonArray().add(new JsonObject().put("source_identifier", "HIPASSJ1318-21")));
        event(T0.plusSeconds(10), "execution.created", "survey_a", "HIPASSJ1318-21", execution, null, new JsonObject());
        event(T0.plusSeconds(20), "execution.running", "survey_a", "HIPASSJ1318-21", execution, "corr-1", new JsonObject());
        event(T0.plusSeconds(30), "execution.awaiting_scheduler", "survey_a", null, execution, "corr-2",
                new JsonObject().put("scheduler_job_id", "4242"));
        job(execution, "dim_poll", "running");
        runningJob = job(execution, "execute", "running");
        job(execution, "execute", "queued");
        // an execution of the same project without events
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name) "
                + "VALUES ($1, 'survey_a', '[]'::jsonb, 'casda')", Uuid7.next());
        // a discovery claim held: the source is being discovered
        db.sql().update("UPDATE source_registry SET discovery_claim_token = 'claim', discovery_claim_expires_at = now() + interval '5 minutes' "
                + "WHERE uuid = $1", busy.uuid());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    private static void event(Instant at, String type, String module, String source, UUID exec, String correlation, JsonObject payload) {
        db.sql().update("INSERT INTO provenance_events (id, occurred_at, event_type, project_module, source_identifier, "
                        + "execution_id, actor, correlation_id, payload) VALUES ($1, $2, $3, $4, $5, $6, 'system:test', $7, $8)",
                Uuid7.next(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC), type, module, source, exec, correlation, payload);
    }

    private static UUID job(UUID exec, String kind, String status) {
        UUID id = Uuid7.next();
        db.sql().update("INSERT INTO jobs (uuid, kind, payload, status, execution_id) VALUES ($1, $2, '{}'::jsonb, $3, $4)",
                id, kind, status, exec);
        return id;
    }

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    private static Run timeline(String... args) {
        return timeline(Map.of("DATABASE_URL", database.url().toUrlWithSecret()), args);
    }

    private static Run timeline(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliSetup.configure(new CommandLine(new TimelineCommand(env)))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void sourceByUuidShowsReadinessAndTheLatest100EventsNewestFirst() {
        Run r = timeline("source", discovered.uuid().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("source_id", "source_identifier", "project_module", "status", "events");
        assertThat(j.get("source_id").asText()).isEqualTo(discovered.uuid().toString());
        assertThat(j.get("source_identifier").asText()).isEqualTo("HIPASSJ1318-21");
        assertThat(j.get("project_module").asText()).isEqualTo("survey_a");
        JsonNode status = j.get("status");
        assertThat(status.get("ready_for_execution").asBoolean()).isTrue();
        assertThat(status.get("discovery_complete").asBoolean()).isTrue();
        assertThat(status.get("discovery_signature").asText()).isEqualTo("a".repeat(64));
        assertThat(status.get("blockers")).isEmpty();
        assertThat(status.has("pending_age_seconds")).isFalse();

        JsonNode events = j.get("events");
        assertThat(events).hasSize(100);
        JsonNode newest = events.get(0);
        assertThat(fieldNames(newest)).containsExactly("at", "event_type", "correlation_id", "detail");
        assertThat(newest.get("at").asText()).isEqualTo(T0.plusSeconds(60L * 119).toString());
        assertThat(newest.get("event_type").asText()).isEqualTo("discovery.changed");
        assertThat(newest.get("correlation_id").asText()).isEqualTo("tick-119");
        assertThat(newest.get("detail").get("sbids").get(0).asText()).isEqualTo("66866");
        assertThat(newest.get("detail").get("password").asText()).isEqualTo("[REDACTED]");
        assertThat(r.out()).doesNotContain("hunter2");
        // the other project's event is excluded; the oldest shown is event 20 (events 0-19 and the execution's are older)
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("correlation_id").asText()));
        assertThat(types).doesNotContain("other");
        for (int i = 1; i < events.size(); i++) {
            assertThat(Instant.parse(events.get(i - 1).get("at").asText()))
                    .isAfterOrEqualTo(Instant.parse(events.get(i).get("at").asText()));
        }
        assertThat(events.get(99).get("at").asText()).isEqualTo(T0.plusSeconds(60L * 20).toString());
    }

    @Test
    void sourceByIdentifierNeedsTheProject() {
        Run byName = timeline("source", "HIPASSJ0005-28", "--project", "survey_a");
        assertThat(byName.exit()).as(byName.err()).isZero();
        JsonNode j = byName.json();
        assertThat(j.get("source_id").asText()).isEqualTo(fresh.uuid().toString());
        assertThat(j.get("events")).isEmpty();
        assertThat(j.get("status").get("ready_for_execution").asBoolean()).isFalse();
        assertThat(j.get("status").get("blockers").get(0).asText()).isEqualTo("Source HIPASSJ0005-28 is disabled");

        Run other = timeline("source", "HIPASSJ1318-21", "--project", "survey_b");
        assertThat(other.exit()).isZero();
        assertThat(other.json().get("events")).hasSize(1);
        assertThat(other.json().get("events").get(0).get("event_type").asText()).isEqualTo("discovery.error");

        Run noProject = timeline("source", "HIPASSJ0005-28");
        assertThat(noProject.exit()).isEqualTo(1);
        assertThat(noProject.out()).isEmpty();
        assertThat(noProject.err()).contains("Error: source HIPASSJ0005-28 is not a registry uuid; give --project MODULE");
    }

    @Test
    void anUnknownSourceIsAnErrorNamingIt() {
        UUID nobody = UUID.randomUUID();
        Run r = timeline("source", nobody.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Error: source " + nobody + " not found");

        Run wrongProject = timeline("source", discovered.uuid().toString(), "--project", "survey_b");
        assertThat(wrongProject.exit()).isEqualTo(1);
        assertThat(wrongProject.err()).contains("source " + discovered.uuid() + " in project survey_b not found");

        Run byName = timeline("source", "HIPASSJ9999-99", "--project", "survey_a");
        assertThat(byName.exit()).isEqualTo(1);
        assertThat(byName.err()).contains("Error: source HIPASSJ9999-99 in project survey_a not found");
    }

    @Test
    void sourceTableHasHeaderLinesAndOneLinePerEvent() {
        Run r = timeline("source", discovered.uuid().toString(), "--table");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("source      HIPASSJ1318-21  project=survey_a  id=" + discovered.uuid());
        assertThat(lines.get(1)).startsWith("readiness   ready (changed)  ready_for_execution=true  discovery_complete=true");
        assertThat(lines.get(2)).isEqualTo("signature   " + "a".repeat(64) + "  last_executed=-");
        assertThat(lines.get(3)).isEqualTo("events      100 (newest first)");
        assertThat(lines.get(4)).matches("AT +EVENT +CORRELATION +DETAIL");
        assertThat(lines).hasSize(5 + 100);
        assertThat(lines.get(5)).startsWith(T0.plusSeconds(60L * 119) + "  discovery.changed    tick-119")
                .endsWith("{\"password\":\"[REDACTED]\",\"sbids\":[\"66866\"]}");
        assertThat(lines.get(6)).contains("discovery.unchanged", "tick-118", "{\"n\":118}");

        Run busyTable = timeline("source", busy.uuid().toString(), "--table");
        assertThat(busyTable.out().lines().toList()).contains("events      0 (newest first)")
                .anyMatch(l -> l.startsWith("readiness   discovering  ready_for_execution=false"))
                .anyMatch(l -> l.startsWith("blocker     Source HIPASSJ2000-10: Discovery has not yet run"));
    }

    @Test
    void executionShowsItsHeaderAndTraceOldestFirst() {
        Run r = timeline("execution", execution.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("execution_id", "status", "execution_phase", "project_module",
                "correlation_id", "active_job_id", "events");
        assertThat(j.get("execution_id").asText()).isEqualTo(execution.toString());
        assertThat(j.get("status").asText()).isEqualTo("running");
        assertThat(j.get("execution_phase").asText()).isEqualTo("submit");
        assertThat(j.get("project_module").asText()).isEqualTo("survey_a");
        assertThat(j.get("correlation_id").asText()).isEqualTo("corr-2");
        assertThat(j.get("active_job_id").asText()).as("running execute before dim_poll and queued").isEqualTo(runningJob.toString());
        assertThat(j.get("events")).extracting(e -> e.get("event_type").asText())
                .containsExactly("execution.created", "execution.running", "execution.awaiting_scheduler");
        assertThat(j.get("events").get(0).get("correlation_id").isNull()).isTrue();
        assertThat(j.get("events").get(2).get("detail").get("scheduler_job_id").asText()).isEqualTo("4242");

        Run table = timeline("execution", execution.toString(), "--table");
        assertThat(table.exit()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.subList(0, 4)).containsExactly(
                "execution   " + execution + "  project=survey_a",
                "status      running  phase=submit",
                "correlation corr-2  active_job=" + runningJob,
                "events      3 (oldest first)");
        assertThat(lines.get(5)).isEqualTo(T0.plusSeconds(10) + "  execution.created             -            -");
        assertThat(lines.get(7)).endsWith("corr-2       {\"scheduler_job_id\":\"4242\"}");
    }

    @Test
    void anUnknownOrMalformedExecutionIsAnError() {
        UUID nobody = UUID.randomUUID();
        Run r = timeline("execution", nobody.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Error: execution " + nobody + " not found");
        Run bad = timeline("execution", "42");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("Error: execution 42 is not an execution uuid");
    }

    @Test
    void projectListsItsEventsNewestFirstWithALimit() {
        Run r = timeline("project", "survey_a");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode events = r.json();
        assertThat(events.isArray()).isTrue();
        assertThat(events).hasSize(50);
        assertThat(fieldNames(events.get(0))).containsExactly("at", "event_type", "source_identifier", "execution_id",
                "correlation_id", "detail");
        assertThat(events.get(0).get("correlation_id").asText()).isEqualTo("tick-119");

        Run three = timeline("project", "survey_a", "--limit", "3");
        assertThat(three.json()).extracting(e -> e.get("correlation_id").asText()).containsExactly("tick-119", "tick-118", "tick-117");

        Run all = timeline("project", "survey_a", "--limit", "500");
        assertThat(all.json()).hasSize(123);
        JsonNode oldest = all.json().get(122);
        assertThat(oldest.get("event_type").asText()).isEqualTo("discovery.unchanged");
        JsonNode created = all.json().get(121);
        assertThat(created.get("event_type").asText()).isEqualTo("execution.created");
        assertThat(created.get("execution_id").asText()).isEqualTo(execution.toString());
        assertThat(created.get("source_identifier").asText()).isEqualTo("HIPASSJ1318-21");

        Run table = timeline("project", "survey_a", "--limit", "2", "--table");
        assertThat(table.exit()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("AT +EVENT +SOURCE +EXECUTION +CORRELATION +DETAIL");
        assertThat(lines.get(1)).contains("discovery.changed", "HIPASSJ1318-21", "tick-119");
    }

    @Test
    void badLimitsAndUnknownProjectsAreErrors() {
        for (String limit : List.of("0", "-1", "501")) {
            Run r = timeline("project", "survey_a", "--limit", limit);
            assertThat(r.exit()).as(limit).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("--limit must be between 1 and 500 (got " + limit + ")");
        }
        assertThat(timeline("project", "survey_a", "--limit", "many").exit()).isEqualTo(2);
        Run unknown = timeline("project", "no_such_survey");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("Error: project no_such_survey not found");
        // a project known only by its sources has an empty feed
        new SourceRegistry(db).register(new NewSource("quiet_survey", "HIPASSJ0100-01", true));
        Run quiet = timeline("project", "quiet_survey");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.out().strip()).isEqualTo("[]");
        assertThat(timeline("project", "quiet_survey", "--table").out()).isEmpty();
    }

    @Test
    void withoutDatabaseUrlItIsAClearError() {
        Run r = timeline(Map.of(), "project", "survey_a");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("DATABASE_URL is not set");
        assertThat(timeline("bogus").exit()).isEqualTo(2);
        assertThat(timeline().exit()).isEqualTo(2);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
