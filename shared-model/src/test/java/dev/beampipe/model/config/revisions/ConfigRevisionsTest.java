package dev.beampipe.model.config.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigRevisionsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase testDb;
    static Database db;

    @BeforeAll
    static void database() {
        testDb = TestDatabase.create();
        db = testDb.db();
    }

    @AfterAll
    static void drop() {
        testDb.close();
    }

    static JsonNode spec(String id, int n) throws Exception {
        return JSON.readTree("{\"apiVersion\":\"beampipe.dev/v2\",\"kind\":\"ProjectConfig\",\"metadata\":{\"id\":\"" + id
                + "\",\"description\":\"rev " + n + "\"}}");
    }

    @Test
    void eachUploadIsANewActiveVersionAndPinnedRevisionsStayReadable() throws Exception {
        ConfigRevisions revisions = new ConfigRevisions(db);
        ConfigRevision v1 = revisions.upload("survey_a", spec("survey_a", 1), "a".repeat(64), "system:api");
        ConfigRevision v2 = revisions.upload("survey_a", spec("survey_a", 2), "a".repeat(64), "system:api");

        assertThat(v1.version()).isEqualTo(1);
        assertThat(db.sql().count("SELECT count(*) FROM project_configs WHERE jsonb_typeof(spec) <> 'object'")).isZero();
        assertThat(db.sql().count("SELECT count(*) FROM project_configs WHERE spec->'metadata'->>'id' = 'survey_a'")).isEqualTo(2);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(revisions.active("survey_a")).map(ConfigRevision::id).contains(v2.id());
        assertThat(revisions.versions("survey_a")).extracting(ConfigRevision::version, ConfigRevision::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, true), org.assertj.core.groups.Tuple.tuple(1, false));

        UUID execution = UUID.randomUUID();
        db.sql().update("INSERT INTO batch_execution_record (uuid, project_module, sources, archive_name, project_config_id) "
                + "VALUES ($1, 'survey_a', '[{\"source_identifier\":\"HIPASSJ0000-00\"}]'::jsonb, 'casda', $2)", execution, v1.id());
        UUID pinned = db.sql().first("SELECT project_config_id FROM batch_execution_record WHERE uuid = $1",
                r -> r.getUUID(0), execution).orElseThrow();
        ConfigRevision read = revisions.byId(pinned).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.active()).isFalse();
        assertThat(read.spec().at("/metadata/description").asText()).isEqualTo("rev 1");
        assertThat(db.sql().count("SELECT count(*) FROM provenance_events WHERE event_type = 'config.activated' "
                + "AND project_module = 'survey_a'")).isEqualTo(2);
    }

    @Test
    void concurrentUploadsGetConsecutiveVersionsAndExactlyOneActive() throws Exception {
        ConfigRevisions revisions = new ConfigRevisions(db);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ConfigRevision>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            uploads.add(threads.submit(() -> {
                go.await();
                return revisions.upload("survey_race", spec("survey_race", n), "b".repeat(64), "system:api");
            }));
        }
        go.countDown();
        List<Integer> versions = new ArrayList<>();
        for (Future<ConfigRevision> f : uploads) {
            versions.add(f.get().version());
        }
        threads.shutdown();
        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(db.sql().count("SELECT count(*) FROM project_configs WHERE project_id = 'survey_race' AND active")).isEqualTo(1);
        assertThat(revisions.active("survey_race").orElseThrow().version()).isEqualTo(8);
    }
}
