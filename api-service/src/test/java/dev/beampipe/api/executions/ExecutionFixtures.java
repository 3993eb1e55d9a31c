package dev.beampipe.api.executions;

import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A project ready for admission: active config, module default profile, discovered sources S1 and S2 (SBIDs 1, 2). */
final class ExecutionFixtures {
    private ExecutionFixtures() {
    }

    record Project(String module, UUID profileId) {
        String body(String... sources) {
            StringBuilder sb = new StringBuilder("{\"project_module\": \"" + module + "\", \"archive_name\": \"casda\", \"sources\": [");
            for (int i = 0; i < sources.length; i++) {
                sb.append(i == 0 ? "" : ", ").append("{\"source_identifier\": \"").append(sources[i]).append("\"}");
            }
            return sb.append("]}").toString();
        }
    }

    static Project project(Database db, RequestSpecification admin, Long maxConcurrent) {
        String module = RepoFiles.unique("exec_");
        String yaml = RepoFiles.reference("config/wallaby_hires.v2.yaml")
                .replaceFirst("(?m)^  id: wallaby_hires$", "  id: " + module)
                .replace("max_sources_per_execution: 1", "max_sources_per_execution: 5");
        given().spec(admin).contentType("application/x-yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v2/project-configs").then().statusCode(201);
        String profile = "{\"name\": \"" + module + "-dim\", \"project_module\": \"" + module + "\", \"is_default\": true, "
                + "\"max_concurrent_executions\": " + maxConcurrent + ", \"translation\": {}, "
                + "\"deployment\": {\"kind\": \"rest_remote\", \"deploy_host\": \"dim.example\"}}";
        String id = given().spec(admin).contentType(ContentType.JSON).body(profile).post("/api/v2/deployment-profiles")
                .then().statusCode(201).extract().path("uuid");
        for (String sid : new String[]{"S1", "S2"}) {
            source(db, module, sid, true);
            for (String sbid : new String[]{"1", "2"}) {
                db.sql().update("INSERT INTO archive_metadata (uuid, project_module, source_identifier, sbid, metadata_json) "
                                + "VALUES ($1, $2, $3, $4, $5::text::jsonb)", Uuid7.next(), module, sid, sbid,
                        "{\"datasets\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}], \"discovery_flags\": {\"ok\": true}}");
            }
        }
        return new Project(module, UUID.fromString(id));
    }

    static void source(Database db, String module, String sid, boolean enabled) {
        db.sql().update("INSERT INTO source_registry (uuid, project_module, source_identifier, enabled, last_checked_at, "
                        + "discovery_signature, workflow_run_pending, workflow_run_pending_at) "
                        + "VALUES ($1, $2, $3, $4, now(), $5, true, now())",
                Uuid7.next(), module, sid, enabled, "sig-" + sid);
    }

    static long executions(Database db, String module) {
        return db.sql().count("SELECT count(*) FROM batch_execution_record WHERE project_module = $1", module);
    }
}
