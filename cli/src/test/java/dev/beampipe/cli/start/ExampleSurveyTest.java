package dev.beampipe.cli.start;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.sources.NewSource;
import dev.beampipe.model.sources.SourceRegistry;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's seeding against a real PostgreSQL database, with the repository's example files. */
class ExampleSurveyTest {
    private static final Path REPO = Path.of(System.getProperty("beampipe.repo.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path empty;

    private static List<String> sources(Database db, String module) {
        return db.sql().list("SELECT source_identifier FROM source_registry WHERE project_module = $1 AND enabled "
                + "ORDER BY source_identifier", r -> r.getString(0), module);
    }

    @Test
    void anEmptyDatabaseGetsTheSurveyItsProfileAndADozenEnabledSampleSourcesOnce() {
        try (TestDatabase t = TestDatabase.create()) {
            ExampleSurvey survey = new ExampleSurvey(REPO);
            survey.seedIfEmpty(t.url());
            survey.seedIfEmpty(t.url());
            Database db = t.db();
            assertThat(db.sql().count("SELECT count(*) FROM project_configs WHERE project_id = 'hipass_sample' AND active")).isEqualTo(1);
            assertThat(db.sql().count("SELECT count(*) FROM project_configs")).isEqualTo(1);
            assertThat(db.sql().count("SELECT count(*) FROM daliuge_deployment_profile WHERE name = 'local-dim'")).isEqualTo(1);
            assertThat(sources(db, "hipass_sample")).hasSize(12).containsExactlyElementsOf(ExampleSurvey.SAMPLE_SOURCES)
                    .allMatch(id -> id.matches("HIPASSJ\\d{4}[-+]\\d{2}"));
            assertThat(db.sql().count("SELECT count(*) FROM source_registry")).isEqualTo(12);
        }
    }

    @Test
    void theSurveyWithoutSourcesGetsThemButAnyRegisteredSourceStopsIt() {
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            ExampleSurvey survey = new ExampleSurvey(REPO);
            survey.seedIfEmpty(t.url());
            db.sql().update("DELETE FROM source_registry");
            // e.g. a local database seeded by an earlier version of start: the config is there, the sources are not
            survey.seedIfEmpty(t.url());
            assertThat(sources(db, "hipass_sample")).hasSize(12);

            db.sql().update("DELETE FROM source_registry");
            new SourceRegistry(db).register(new NewSource("operators_own", "NGC253", false));
            survey.seedIfEmpty(t.url());
            assertThat(sources(db, "hipass_sample")).isEmpty();
        }
    }

    @Test
    void anOperatorsDatabaseWithAnotherProjectIsNeverTouched() {
        try (TestDatabase t = TestDatabase.create()) {
            Database db = t.db();
            db.sql().update("INSERT INTO project_configs (uuid, project_id, version, spec, spec_sha256) "
                    + "VALUES (gen_random_uuid(), 'operators_own', 1, '{}'::jsonb, $1)", "0".repeat(64));
            new ExampleSurvey(REPO).seedIfEmpty(t.url());
            assertThat(db.sql().count("SELECT count(*) FROM project_configs")).isEqualTo(1);
            assertThat(db.sql().count("SELECT count(*) FROM source_registry")).isZero();
            assertThat(db.sql().count("SELECT count(*) FROM daliuge_deployment_profile")).isZero();
        }
    }

    @Test
    void withoutTheExampleFilesNothingIsSeeded() {
        try (TestDatabase t = TestDatabase.create()) {
            new ExampleSurvey(empty).seedIfEmpty(t.url());
            assertThat(t.db().sql().count("SELECT count(*) FROM project_configs")).isZero();
            assertThat(t.db().sql().count("SELECT count(*) FROM source_registry")).isZero();
        }
    }
}
