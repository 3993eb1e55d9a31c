package dev.beampipe.api.scheduler;

import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.testing.ApiTestDatabase;
import dev.beampipe.api.testing.ErrorBody;
import dev.beampipe.api.testing.Operators;
import dev.beampipe.model.db.Database;
import dev.beampipe.simulators.slurm.FakeLoginNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** {@code GET /scheduler/status} logs in to the fake login node with a credential slot (real SSH, real bash). */
@QuarkusTest
@TestProfile(SchedulerStatusSshTest.CredentialsRoot.class)
@WithTestResource(ApiTestDatabase.class)
class SchedulerStatusSshTest {
    static final Path ROOT = Path.of("target", "scheduler-status-credentials").toAbsolutePath();
    static final String PASSPHRASE = "planted-api-passphrase-9a41";
    static FakeLoginNode node;
    static String privateKeyBody;

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
    RequestSpecification admin;

    @BeforeAll
    static void loginNode() throws Exception {
        if (Files.exists(ROOT)) {
            try (Stream<Path> files = Files.walk(ROOT)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        node = FakeLoginNode.start(FakeLoginNode.Options.in(ROOT.resolveSibling("scheduler-status-node-" + UUID.randomUUID())));
        String authorized = slot("setonix", PASSPHRASE, node.knownHostsLine());
        node.authorize(authorized);
        privateKeyBody = Files.readString(ROOT.resolve("setonix/private_key")).lines().skip(1).findFirst().orElseThrow();
        // a slot whose known_hosts holds another key for the same host and port
        KeyPair otherHost = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        node.authorize(slot("changed-host", null, "[127.0.0.1]:" + node.port() + " " + PublicKeyEntry.toString(otherHost.getPublic())));
        slot("unauthorized", null, node.knownHostsLine());
    }

    /** Writes a slot with a fresh key; returns its public key line. */
    static String slot(String name, String passphrase, String knownHostsLine) throws Exception {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", encryption, key);
        Path dir = Files.createDirectories(ROOT.resolve(name));
        Files.write(dir.resolve("private_key"), key.toByteArray());
        Files.setPosixFilePermissions(dir.resolve("private_key"), PosixFilePermissions.fromString("rw-------"));
        if (passphrase != null) {
            Files.writeString(dir.resolve("passphrase"), passphrase + "\n");
            Files.setPosixFilePermissions(dir.resolve("passphrase"), PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(dir.resolve("known_hosts"), knownHostsLine + "\n");
        return PublicKeyEntry.toString(pair.getPublic());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void setUp() {
        user = Operators.bearer(Operators.userToken(db, tokens));
        admin = Operators.bearer(Operators.superuserToken(db, tokens));
    }

    String profile(String slot, int port) {
        String name = "ssh-" + UUID.randomUUID().toString().substring(0, 8);
        given().spec(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"translation\": {}, \"deployment\": {\"kind\": \"slurm_remote\", "
                        + "\"login_node\": \"127.0.0.1\", \"ssh_port\": " + port + ", \"remote_user\": \"op\", "
                        + "\"ssh_credential\": \"" + slot + "\", \"account\": \"pawsey0411\", \"home_dir\": \"/home/op\", "
                        + "\"log_dir\": \"/scratch/logs\", \"dlg_root\": \"/scratch/dlg\", "
                        + "\"resources\": {\"partition\": \"work\", \"wall_time_minutes\": 90}}}")
                .post("/api/v2/deployment-profiles").then().statusCode(201);
        return name;
    }

    @Test
    void statusLogsInAndReportsTheSlurmCommandsQueueAndCapacity() {
        String name = profile("setonix", node.port());
        String body = given().spec(user).queryParam("profile", name).get("/api/v2/scheduler/status").then().statusCode(200)
                .body("profile", equalTo(name))
                .body("connectivity.authenticated", equalTo(true))
                .body("connectivity.remote_user", equalTo("op"))
                .body("connectivity.ssh_credential", equalTo("setonix"))
                .body("connectivity.commands.sbatch", equalTo(true))
                .body("connectivity.commands.scontrol", equalTo(true))
                .body("resource_request.account", equalTo("pawsey0411"))
                .body("rendered_resource_request", startsWith("#SBATCH --account=pawsey0411\n#SBATCH --nodes=1\n#SBATCH --time=01:30:00"))
                .extract().asString();
        assertThat(body).contains("\"queue\"", "\"capacity\"").doesNotContain(PASSPHRASE).doesNotContain(privateKeyBody);
        assertThat(node.commands()).anyMatch(c -> c.contains("command -v") && c.contains("sbatch")).contains("sinfo -h -o '%P|%D|%t'");
    }

    @Test
    void diagnosticsLogsInToTheLoginNodeOfASlurmProfile() {
        io.restassured.path.json.JsonPath ok = given().spec(user).queryParam("profile", profile("setonix", node.port()))
                .get("/api/v2/diagnostics").then().statusCode(200).extract().jsonPath();
        assertThat(ok.getList("diagnostics.path")).doesNotContain("scheduler");
        int before = node.commands().size();

        // the SSH banner is fine, but the host key is not the one in known_hosts: only a real login notices
        String body = given().spec(user).queryParam("profile", profile("changed-host", node.port()))
                .get("/api/v2/diagnostics").then().statusCode(200).extract().asString();
        io.restassured.path.json.JsonPath changed = io.restassured.path.json.JsonPath.from(body);
        assertThat(changed.getBoolean("healthy")).isFalse();
        assertThat(changed.getString("diagnostics.find { it.path == 'scheduler' }.code")).isEqualTo("scheduler.connectivity_failed");
        assertThat(changed.getString("diagnostics.find { it.path == 'scheduler' }.message")).contains("host key", "[127.0.0.1]:" + node.port());
        assertThat(changed.getString("diagnostics.find { it.path == 'scheduler' }.hint")).contains("scheduler.hostverification");
        assertThat(body).doesNotContain(PASSPHRASE).doesNotContain(privateKeyBody);
        assertThat(node.commands().size()).isEqualTo(before);

        String unauthorized = given().spec(user).queryParam("profile", profile("unauthorized", node.port()))
                .get("/api/v2/diagnostics").then().statusCode(200).extract().asString();
        assertThat(io.restassured.path.json.JsonPath.from(unauthorized).getString("diagnostics.find { it.path == 'scheduler' }.hint"))
                .contains("scheduler.authentication");
    }

    @Test
    void aChangedHostKeyIsA502HostVerification() {
        String body = ErrorBody.assertError(given().spec(user).queryParam("profile", profile("changed-host", node.port()))
                        .get("/api/v2/scheduler/status").then(), 502, "scheduler.hostverification", "authorization")
                .body("failure.component", equalTo("slurm")).extract().asString();
        assertThat(body).contains("host key", "[127.0.0.1]:" + node.port());
    }

    @Test
    void aKeyTheNodeDoesNotAcceptIsA502Authentication() {
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile("unauthorized", node.port()))
                .get("/api/v2/scheduler/status").then(), 502, "scheduler.authentication", "authentication");
    }

    @Test
    void aMissingSlotIsA502ConfigurationAndAClosedPortA502Connectivity() throws Exception {
        String body = ErrorBody.assertError(given().spec(user).queryParam("profile", profile("absent-slot", node.port()))
                .get("/api/v2/scheduler/status").then(), 502, "scheduler.configuration", "configuration").extract().asString();
        assertThat(body).contains("absent-slot");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ErrorBody.assertError(given().spec(user).queryParam("profile", profile("setonix", closed)).get("/api/v2/scheduler/status").then(),
                502, "scheduler.connectivity", "connectivity").body("failure.retry", equalTo("safe"));
    }
}
