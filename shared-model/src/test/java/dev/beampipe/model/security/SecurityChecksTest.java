package dev.beampipe.model.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SecurityChecksTest {
    static final String GOOD = "0123456789abcdef0123456789abcdef01";
    static final String PROD_OK = "BEAMPIPE_ENV=production,BEAMPIPE_JWT_SECRET=" + GOOD + ",BEAMPIPE_CORS_ALLOW_ORIGINS=https://ops.example,"
            + "DATABASE_URL=postgres://bp:s3cret@db:5432/bp";

    static Map<String, String> env(String spec) {
        Map<String, String> env = new HashMap<>();
        if (!spec.isEmpty()) {
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return env;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("development, strong secret", "BEAMPIPE_JWT_SECRET=" + GOOD, List.of()),
                arguments("no secret at all", "", List.of("BEAMPIPE_JWT_SECRET is not set; set a unique secret of at least 32 characters")),
                arguments("short secret", "BEAMPIPE_JWT_SECRET=short",
                        List.of("BEAMPIPE_JWT_SECRET must be at least 32 characters in development (got 5)")),
                arguments("placeholder, any case", "BEAMPIPE_JWT_SECRET=  Replace-With-At-Least-32-Random-Characters ",
                        List.of("BEAMPIPE_JWT_SECRET is a known development default; set a unique secret for production")),
                arguments("secret-key", "BEAMPIPE_JWT_SECRET=secret-key",
                        List.of("BEAMPIPE_JWT_SECRET is a known development default; set a unique secret for production")),
                arguments("default database password", "BEAMPIPE_JWT_SECRET=" + GOOD + ",DATABASE_URL=postgres://postgres:postgres@db/bp",
                        List.of("DATABASE_URL uses the default postgres password; set a unique database password")),
                arguments("production, all set", PROD_OK, List.of()),
                arguments("production, public metrics", PROD_OK + ",BEAMPIPE_METRICS_PUBLIC=yes",
                        List.of("BEAMPIPE_METRICS_PUBLIC=true is not allowed in production")),
                arguments("development, public metrics", "BEAMPIPE_JWT_SECRET=" + GOOD + ",BEAMPIPE_METRICS_PUBLIC=true", List.of()),
                arguments("prod alias without CORS", "BEAMPIPE_ENV=Prod,BEAMPIPE_JWT_SECRET=" + GOOD,
                        List.of("BEAMPIPE_CORS_ALLOW_ORIGINS must be set explicitly in production; permissive CORS is not allowed")),
                arguments("real backends without CASDA credentials", "BEAMPIPE_JWT_SECRET=" + GOOD + ",BEAMPIPE_USE_REAL_BACKENDS=true",
                        List.of("CASDA_USERNAME and CASDA_PASSWORD_FILE (or CASDA_PASSWORD) are required when BEAMPIPE_USE_REAL_BACKENDS=true (staging)")),
                arguments("real backends with CASDA credentials", "BEAMPIPE_JWT_SECRET=" + GOOD
                        + ",BEAMPIPE_USE_REAL_BACKENDS=1,CASDA_USERNAME=ops,CASDA_PASSWORD_FILE=/run/casda", List.of()),
                arguments("production inline PEM", PROD_OK + ",BEAMPIPE_USE_REAL_BACKENDS=true,CASDA_USERNAME=u,CASDA_PASSWORD=p,"
                        + "SLURM_SSH_PRIVATE_KEY=-----BEGIN,SLURM_SSH_KNOWN_HOSTS=/nonexistent/known_hosts",
                        List.of("SLURM_SSH_PRIVATE_KEY (inline key material) is not allowed in production; use SLURM_SSH_PRIVATE_KEY_FILE or a credential slot",
                                "SLURM_SSH_KNOWN_HOSTS /nonexistent/known_hosts does not exist or is not readable")),
                arguments("production without known_hosts", PROD_OK + ",BEAMPIPE_USE_REAL_BACKENDS=true,CASDA_USERNAME=u,CASDA_PASSWORD=p,"
                        + "SLURM_SSH_PRIVATE_KEY_FILE=/keys/id",
                        List.of("SLURM_SSH_KNOWN_HOSTS is required in production")),
                arguments("production with insecure host keys", PROD_OK + ",BEAMPIPE_USE_REAL_BACKENDS=true,CASDA_USERNAME=u,CASDA_PASSWORD=p,"
                        + "SLURM_SSH_PRIVATE_KEY_FILE=/keys/id,BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS=off,SLURM_SSH_KNOWN_HOSTS=/etc/hostname",
                        List.of(INSECURE_HOST_KEYS)),
                arguments("insecure host keys outside production, even when 'allowed'",
                        "BEAMPIPE_JWT_SECRET=" + GOOD + ",BEAMPIPE_USE_REAL_BACKENDS=true,CASDA_USERNAME=u,CASDA_PASSWORD=p,"
                                + "SLURM_SSH_PRIVATE_KEY_FILE=/keys/id,BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS=off,BEAMPIPE_ALLOW_INSECURE_SSH_HOST_KEYS=true",
                        List.of(INSECURE_HOST_KEYS)),
                arguments("known_hosts disabled", "BEAMPIPE_JWT_SECRET=" + GOOD + ",BEAMPIPE_USE_REAL_BACKENDS=true,CASDA_USERNAME=u,CASDA_PASSWORD=p,SLURM_SSH_PRIVATE_KEY_FILE=/keys/id,SLURM_SSH_KNOWN_HOSTS=none",
                        List.of("SLURM_SSH_KNOWN_HOSTS=none is not supported: beampipe always verifies SSH host keys against known_hosts")));
    }

    private static final String INSECURE_HOST_KEYS = "BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS=false is not supported: beampipe always "
            + "verifies SSH host keys against known_hosts (BEAMPIPE_ALLOW_INSECURE_SSH_HOST_KEYS is ignored)";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void collectsTheReferenceRules(String name, String spec, List<String> expected) {
        assertThat(SecurityChecks.collect(env(spec), SecurityScope.ALL)).containsExactlyElementsOf(expected);
    }

    @Test
    void nonHttpProcessesSkipTheJwtCorsAndMetricsRules() {
        assertThat(SecurityChecks.collect(env("BEAMPIPE_ENV=production,BEAMPIPE_METRICS_PUBLIC=true"), SecurityScope.NON_HTTP)).isEmpty();
    }

    @Test
    void strictModeFollowsTheSwitchElseTheEnvironment() {
        assertThat(SecurityChecks.strict(env(""))).isFalse();
        assertThat(SecurityChecks.strict(env("BEAMPIPE_ENV=prod"))).isTrue();
        assertThat(SecurityChecks.strict(env("BEAMPIPE_ENV=prod,BEAMPIPE_SECURITY_STRICT=off"))).isFalse();
        assertThat(SecurityChecks.strict(env("BEAMPIPE_SECURITY_STRICT=y"))).isTrue();
    }

    @Test
    void theGateRefusesAWeakJwtSecretEverywhereAndEveryIssueWhenStrict() {
        assertThatThrownBy(() -> SecurityChecks.enforce(env("BEAMPIPE_JWT_SECRET=secret-key"), SecurityScope.ALL))
                .isInstanceOf(SecurityGateException.class).hasMessageStartingWith("security validation failed:\n  - BEAMPIPE_JWT_SECRET");
        // not strict: a non-JWT issue is reported by `security check` but does not stop a development process
        SecurityChecks.enforce(env("BEAMPIPE_JWT_SECRET=" + GOOD + ",DATABASE_URL=postgres://postgres:postgres@x/y"), SecurityScope.ALL);
        assertThatThrownBy(() -> SecurityChecks.enforce(env(PROD_OK + ",BEAMPIPE_METRICS_PUBLIC=true"), SecurityScope.ALL))
                .hasMessageContaining("BEAMPIPE_METRICS_PUBLIC=true is not allowed in production");
        SecurityChecks.enforce(env(PROD_OK), SecurityScope.ALL);
        SecurityChecks.enforce(env("BEAMPIPE_ENV=production"), SecurityScope.NON_HTTP);
    }

    @Test
    void theReportNamesTheEnvironmentAndNeverASecret() {
        SecurityReport report = SecurityChecks.report(env("BEAMPIPE_ENV=staging,BEAMPIPE_JWT_SECRET=hunter2hunter2"));
        assertThat(report.ok()).isFalse();
        assertThat(report.beampipeEnv()).isEqualTo("staging");
        assertThat(report.issues()).noneMatch(i -> i.contains("hunter2"));
    }
}
