package dev.beampipe.cli.admin;

import dev.beampipe.cli.PackagedCli;
import dev.beampipe.model.auth.PasswordHashing;
import dev.beampipe.model.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code beampipe admin create-user} and {@code beampipe security check} as an operator runs them. */
class AdminAndSecurityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> UNSET = List.of("BEAMPIPE_ENV", "BEAMPIPE_JWT_SECRET", "BEAMPIPE_USE_REAL_BACKENDS",
            "BEAMPIPE_CORS_ALLOW_ORIGINS", "BEAMPIPE_METRICS_PUBLIC", "BEAMPIPE_SECURITY_STRICT");
    private final PackagedCli cli = new PackagedCli();

    @TempDir
    Path dir;

    @Test
    void createsAFirstOperatorFromAPasswordFileWithoutEverPrintingIt() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            String password = "first-operator-" + System.nanoTime();
            Path file = dir.resolve("pw");
            Files.writeString(file, password + "\n");
            Map<String, String> env = Map.of("DATABASE_URL", db.url().toUrlWithSecret());

            PackagedCli.Result r = cli.run(dir, env, List.of(), TIMEOUT, "admin", "create-user", "--username", "ops",
                    "--email", "ops@example.test", "--password-file", file.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"username\": \"ops\"").contains("\"is_superuser\": true").contains("\"uuid\"");
            assertThat(r.out() + r.err()).doesNotContain(password);
            String hash = db.db().sql().first("SELECT hashed_password FROM users WHERE username = 'ops'", row -> row.getString(0)).orElseThrow();
            assertThat(hash).startsWith("$2b$12$");
            assertThat(PasswordHashing.verify(password, hash)).isTrue();

            PackagedCli.Result again = cli.run(dir, env, List.of(), TIMEOUT, "admin", "create-user", "--username", "ops",
                    "--email", "other@example.test", "--password-file", file.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already exists");

            PackagedCli.Result plain = cli.run(dir, env, List.of(), TIMEOUT, "admin", "create-user", "--username", "viewer",
                    "--email", "viewer@example.test", "--no-superuser", "--password-file", file.toString());
            assertThat(plain.exitCode()).as(plain.err()).isZero();
            assertThat(plain.out()).contains("\"is_superuser\": false");
        }
    }

    @Test
    void withoutATerminalAPasswordFileIsRequired() throws Exception {
        PackagedCli.Result r = cli.run(dir, Map.of("DATABASE_URL", "postgres://u:p@127.0.0.1:1/x"), List.of(), TIMEOUT,
                "admin", "create-user", "--username", "ops", "--email", "ops@example.test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("use --password-file when stdin is not a terminal");
        PackagedCli.Result tooLong = cli.run(dir, Map.of(), List.of(), TIMEOUT,
                "admin", "create-user", "--username", "a-username-longer-than-twenty", "--email", "x@example.test");
        assertThat(tooLong.exitCode()).isEqualTo(1);
        assertThat(tooLong.err()).contains("--username must be at most 20 characters");
    }

    @Test
    void securityCheckReportsEveryIssueAndExitsOneWithoutLeakingTheSecret() throws Exception {
        PackagedCli.Result weak = cli.run(dir, Map.of("BEAMPIPE_ENV", "production", "BEAMPIPE_JWT_SECRET", "secret-key",
                "BEAMPIPE_METRICS_PUBLIC", "true"), UNSET, TIMEOUT, "security", "check");
        assertThat(weak.exitCode()).isEqualTo(1);
        assertThat(weak.out())
                .contains("\"ok\": false")
                .contains("\"beampipe_env\": \"production\"")
                .contains("BEAMPIPE_JWT_SECRET is a known development default")
                .contains("BEAMPIPE_METRICS_PUBLIC=true is not allowed in production")
                .contains("BEAMPIPE_CORS_ALLOW_ORIGINS must be set explicitly in production");
        assertThat(weak.out() + weak.err()).doesNotContain("secret-key");

        PackagedCli.Result good = cli.run(dir, Map.of("BEAMPIPE_JWT_SECRET", "a-long-random-secret-0123456789abcdef"),
                UNSET, TIMEOUT, "security", "check");
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
        assertThat(good.out()).contains("\"ok\": true").contains("\"issues\": []");
    }
}
