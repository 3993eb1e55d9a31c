package dev.beampipe.api.slurm;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SlurmCredentialsResourceTest.CredentialsRoot.class)
@WithTestResource(ApiTestDatabase.class)
class SlurmCredentialsResourceTest {
    static final Path ROOT = Path.of("target", "slurm-credentials-test").toAbsolutePath();
    static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nplanted-private-key-material-77c1\n-----END OPENSSH PRIVATE KEY-----\n";
    static final String PASSPHRASE = "planted-passphrase-4b2e";
    static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICrlfjXViKW7IyESXH33lKhuLWyXEWzurN3JIARio6ZI planted-comment";

    public static class CredentialsRoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BEAMPIPE_SSH_CREDENTIALS_DIR", ROOT.toString());
        }
    }

    @Inject
    Database db;
    @Inject
    Tokens tokens;
    RequestSpecification user;

    @BeforeAll
    static void slots() throws Exception {
        if (Files.exists(ROOT)) {
            try (Stream<Path> files = Files.walk(ROOT)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(ROOT.resolve("setonix-pawsey0411"));
        Files.writeString(ROOT.resolve("setonix-pawsey0411/private_key"), PRIVATE_KEY);
        Files.writeString(ROOT.resolve("setonix-pawsey0411/private_key.pub"), PUBLIC_KEY + "\n");
        Files.writeString(ROOT.resolve("setonix-pawsey0411/passphrase"), PASSPHRASE + "\n");
        Files.writeString(ROOT.resolve("setonix-pawsey0411/known_hosts"), "setonix.pawsey.org.au " + PUBLIC_KEY + "\n");
        Files.createDirectories(ROOT.resolve("empty"));
        Files.createDirectories(ROOT.resolve("not valid"));
    }

    @BeforeEach
    void user() {
        user = Operators.bearer(Operators.userToken(db, tokens));
    }

    @Test
    void listsSlotsWithPresenceAndNoKeyMaterial() {
        String body = given().spec(user).get("/api/v2/slurm/credentials").then().statusCode(200)
                .body("slots.name", equalTo(List.of("empty", "setonix-pawsey0411")))
                .body("slots[1].private_key", equalTo(true)).body("slots[1].public_key", equalTo(true))
                .body("slots[1].passphrase", equalTo(true)).body("slots[1].known_hosts", equalTo(true))
                .body("slots[1].public_key_fingerprint", equalTo("SHA256:YvoHq5MGoFpNBCJ61mYSJLKHG3MLkqUs37mlTcD67XM"))
                .body("slots[0].private_key", equalTo(false)).body("slots[0].known_hosts", equalTo(false))
                .extract().asString();
        assertNoKeyMaterial(body);
    }

    @Test
    void getsOneSlotOr400Or404() {
        assertNoKeyMaterial(given().spec(user).get("/api/v2/slurm/credentials/setonix-pawsey0411").then().statusCode(200)
                .body("name", equalTo("setonix-pawsey0411")).body("private_key", equalTo(true)).extract().asString());
        ErrorBody.assertError(given().spec(user).get("/api/v2/slurm/credentials/a..b").then(), 400, "bad_request", "validation")
                .body("error", equalTo("deployment.ssh_credential must be 1-50 ASCII letters, digits, '.', '_', or '-'"));
        ErrorBody.assertError(given().spec(user).get("/api/v2/slurm/credentials/" + "x".repeat(51)).then(), 400, "bad_request", "validation");
        ErrorBody.assertError(given().spec(user).get("/api/v2/slurm/credentials/absent").then(), 404, "not_found", "not_found");
        ErrorBody.assertError(given().get("/api/v2/slurm/credentials").then(), 401, "unauthorized", "authentication");
    }

    static void assertNoKeyMaterial(String body) {
        assertThat(body).doesNotContain("planted-private-key-material", PASSPHRASE, "AAAAC3NzaC1lZDI1NTE5", "BEGIN OPENSSH",
                "planted-comment");
    }
}
