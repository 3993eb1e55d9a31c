package dev.beampipe.api.projects;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.api.testing.RepoFiles;
import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import static dev.beampipe.api.testing.ErrorBody.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** WASM hook modules over HTTP (20-api §2.6): upload of raw bytes, metadata and download, and refusals that store nothing. */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class ProjectConfigWasmResourceTest {
    static final byte[] MODULE = HexFormat.of().parseHex("0061736d01000000010401600000030201000a040102000b");

    @Inject
    Database db;
    @Inject
    Tokens tokens;

    @BeforeEach
    void setUp() {
        Operators.actAsSuperuser(db, tokens);
    }

    @AfterEach
    void tearDown() {
        Operators.reset();
    }

    String project() {
        String id = RepoFiles.unique("wasm_");
        String text = RepoFiles.example("hipass_sample.v2.yaml").replaceFirst("(?m)^  id: hipass_sample$", "  id: " + id);
        given().contentType("application/x-yaml").body(text.getBytes(StandardCharsets.UTF_8)).post("/api/v2/project-configs")
                .then().statusCode(201);
        return id;
    }

    UUID active(String project) {
        return db.sql().first("SELECT uuid FROM project_configs WHERE project_id = $1 AND active", r -> r.getUUID(0), project).orElseThrow();
    }

    long modules() {
        return db.sql().count("SELECT count(*) FROM project_config_wasm");
    }

    @Test
    void aModuleIsStoredBySha256AndReadBack() {
        String project = project();
        String sha = Sha256.hex(MODULE);
        given().contentType("application/octet-stream").body(MODULE).post("/api/v2/project-configs/" + project + "/wasm")
                .then().statusCode(201).body("wasm_sha256", equalTo(sha)).body("project_config_id", equalTo(active(project).toString()));
        // any content type; a re-upload refreshes the same row
        given().contentType("text/plain").body(MODULE).post("/api/v2/project-configs/" + project + "/wasm").then().statusCode(201);
        assertThat(db.sql().count("SELECT count(*) FROM project_config_wasm WHERE project_config_id = $1", active(project))).isEqualTo(1);

        given().get("/api/v2/project-configs/" + project + "/wasm/" + sha).then().statusCode(200)
                .contentType("application/json").body("wasm_sha256", equalTo(sha)).body("uploaded_at", notNullValue())
                .body("$", not(hasKey("bytes_len")));
        byte[] downloaded = given().get("/api/v2/project-configs/" + project + "/wasm/" + sha + "?download=true").then().statusCode(200)
                .contentType("application/wasm").extract().asByteArray();
        assertThat(downloaded).isEqualTo(MODULE);
        assertError(given().get("/api/v2/project-configs/" + project + "/wasm/" + "0".repeat(64)).then(), 404, "not_found", "not_found");
        assertError(given().get("/api/v2/project-configs/" + project + "/wasm/" + sha + "?download=yes").then(), 400, "bad_request", "validation");

        // a new config version is active: the module belongs to the old one
        project();
    }

    @Test
    void invalidModulesAndUnknownProjectsStoreNothing() {
        String project = project();
        long before = modules();
        assertError(given().contentType("application/octet-stream").body(new byte[0]).post("/api/v2/project-configs/" + project + "/wasm")
                .then(), 400, "wasm_validation_failed", "validation").body("failure.component", equalTo("project_wasm"));
        assertError(given().contentType("application/octet-stream").body("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v2/project-configs/" + project + "/wasm").then(), 400, "wasm_validation_failed", "validation");
        assertError(given().contentType("application/octet-stream").body(HexFormat.of().parseHex("0061736d0100000001ff01"))
                .post("/api/v2/project-configs/" + project + "/wasm").then(), 400, "wasm_validation_failed", "validation");
        assertError(given().contentType("application/octet-stream").body(MODULE).post("/api/v2/project-configs/no_such_project/wasm")
                .then(), 404, "not_found", "not_found");
        byte[] huge = new byte[2 * 1024 * 1024 + 16];
        System.arraycopy(MODULE, 0, huge, 0, 8);
        assertError(given().contentType("application/octet-stream").body(huge).post("/api/v2/project-configs/" + project + "/wasm")
                .then(), 413, "payload_too_large", "validation");
        assertThat(modules()).isEqualTo(before);
    }
}
