package dev.beampipe.cli.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.cli.CommandRun;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code beampipe scheduler jobs} against a fresh PostgreSQL. */
class SchedulerJobsCommandTest {
    static TestDatabase database;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @ParameterizedTest
    @CsvSource({"100, 100", "0, 1", "-5, 1", "1, 1", "500, 500", "501, 500", "100000, 500"})
    void limitIsClampedTo1Through500(int given, int expected) {
        assertThat(SchedulerJobsCommand.clamp(given)).isEqualTo(expected);
    }

    @Test
    void listsSlurmExecutionsNewestFirstWithTheLimit() {
        String module = "sched_" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            database.db().sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, scheduler_name, "
                            + "scheduler_job_id, scheduler_state, status, remote_session_dir, created_at) VALUES ($1, $2, '[]'::jsonb, 'casda', "
                            + "'slurm', $3, 'running', 'awaiting_scheduler', '/scratch/dlg/workspace/s', now() + make_interval(days => 1, secs => $4))",
                    id, module, "4242" + i, (double) i);
        }
        database.db().sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, scheduler_name, created_at) "
                + "VALUES ($1, $2, '[]'::jsonb, 'casda', 'daliuge', now() + interval '2 days')", UUID.randomUUID(), module);

        CommandRun r = CommandRun.of(new SchedulerCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret())), "jobs", "--limit", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> listed = StreamSupport.stream(r.json().spliterator(), false).map(j -> j.get("execution_id").asText()).toList();
        assertThat(listed).containsExactly(ids.get(2).toString(), ids.get(1).toString());
        JsonNode first = r.json().get(0);
        assertThat(first.get("scheduler_job_id").asText()).isEqualTo("42422");
        assertThat(first.get("execution_status").asText()).isEqualTo("awaiting_scheduler");
        assertThat(first.get("project_module").asText()).isEqualTo(module);
        assertThat(first.get("remote_session_dir").asText()).isEqualTo("/scratch/dlg/workspace/s");
        assertThat(first.get("submitted_at").asText()).endsWith("Z");
        assertThat(first.get("last_reconciled_at").isNull()).isTrue();

        CommandRun one = CommandRun.of(new SchedulerCommand(Map.of("DATABASE_URL", database.url().toUrlWithSecret())), "jobs", "--limit", "0");
        assertThat(one.json()).hasSize(1);
    }
}
