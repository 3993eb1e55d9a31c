package dev.beampipe.model.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference's security rules (20-api §5.1, 50-operations §1.9) with our decisions: one JWT rule for every
 * environment (decision 12) and no Redis rule (decision 16). Pure over an environment map, so the CLI, the
 * three services and {@code /diagnostics} give the same verdict for the same env file.
 */
public final class SecurityChecks {
    private SecurityChecks() {
    }

    public static String environment(Map<String, String> env) {
        String raw = env.get("BEAMPIPE_ENV");
        return raw == null || raw.isBlank() ? "development" : raw.trim();
    }

    public static boolean production(Map<String, String> env) {
        String name = environment(env).toLowerCase(Locale.ROOT);
        return name.equals("production") || name.equals("prod");
    }

    /** {@code BEAMPIPE_SECURITY_STRICT} when set (1/true/yes/y/on, 0/false/no/n/off), else production. */
    public static boolean strict(Map<String, String> env) {
        return flag(env, "BEAMPIPE_SECURITY_STRICT").orElse(production(env));
    }

    public static SecurityReport report(Map<String, String> env) {
        List<String> issues = collect(env, SecurityScope.ALL);
        return new SecurityReport(issues.isEmpty(), environment(env), slurmSshConfigured(env), issues);
    }

    public static List<String> collect(Map<String, String> env, SecurityScope scope) {
        String environment = environment(env);
        boolean production = production(env);
        List<String> issues = new ArrayList<>();
        if (scope == SecurityScope.ALL) {
            JwtSecretRule.problem(env.get("BEAMPIPE_JWT_SECRET"), environment).ifPresent(issues::add);
        }
        String databaseUrl = env.getOrDefault("DATABASE_URL", "");
        if (databaseUrl.contains("postgres:postgres@") || databaseUrl.contains(":postgres@postgres")) {
            issues.add("DATABASE_URL uses the default postgres password; set a unique database password");
        }
        if (scope == SecurityScope.ALL && production && flag(env, "BEAMPIPE_METRICS_PUBLIC").orElse(false)) {
            issues.add("BEAMPIPE_METRICS_PUBLIC=true is not allowed in production");
        }
        if (scope == SecurityScope.ALL && production && blank(env.get("BEAMPIPE_CORS_ALLOW_ORIGINS"))) {
            issues.add("BEAMPIPE_CORS_ALLOW_ORIGINS must be set explicitly in production; permissive CORS is not allowed");
        }
        if (flag(env, "BEAMPIPE_USE_REAL_BACKENDS").orElse(false)) {
            issues.addAll(slurmIssues(env, production));
            if (blank(env.get("CASDA_USERNAME")) || (blank(env.get("CASDA_PASSWORD_FILE")) && blank(env.get("CASDA_PASSWORD")))) {
                issues.add("CASDA_USERNAME and CASDA_PASSWORD_FILE (or CASDA_PASSWORD) are required when "
                        + "BEAMPIPE_USE_REAL_BACKENDS=true (staging)");
            }
        }
        return issues;
    }

    /** The startup gate: in strict mode any issue stops the process with every issue listed. */
    public static void enforce(Map<String, String> env, SecurityScope scope) {
        List<String> issues = collect(env, scope);
        boolean jwtIssue = scope == SecurityScope.ALL
                && JwtSecretRule.problem(env.get("BEAMPIPE_JWT_SECRET"), environment(env)).isPresent();
        if (!issues.isEmpty() && (strict(env) || jwtIssue)) {
            List<String> fatal = strict(env) ? issues
                    : List.of(JwtSecretRule.problem(env.get("BEAMPIPE_JWT_SECRET"), environment(env)).orElseThrow());
            throw new SecurityGateException("security validation failed:\n  - " + String.join("\n  - ", fatal));
        }
    }

    static boolean slurmSshConfigured(Map<String, String> env) {
        return !blank(env.get("SLURM_SSH_PRIVATE_KEY")) || !blank(env.get("SLURM_SSH_PRIVATE_KEY_FILE"))
                || !blank(env.get("BEAMPIPE_SSH_CREDENTIALS_DIR"));
    }

    /** The environment-level Slurm rules; per-slot key checks come with the Slurm client. */
    private static List<String> slurmIssues(Map<String, String> env, boolean production) {
        List<String> issues = new ArrayList<>();
        if (!slurmSshConfigured(env)) {
            return issues;
        }
        if (production && !blank(env.get("SLURM_SSH_PRIVATE_KEY"))) {
            issues.add("SLURM_SSH_PRIVATE_KEY (inline key material) is not allowed in production; use SLURM_SSH_PRIVATE_KEY_FILE or a credential slot");
        }
        // host keys are always verified (docs/slurm-ssh.md): asking otherwise is a misconfiguration everywhere
        if (!flag(env, "BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS").orElse(true)) {
            issues.add("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS=false is not supported: beampipe always verifies SSH host keys "
                    + "against known_hosts (BEAMPIPE_ALLOW_INSECURE_SSH_HOST_KEYS is ignored)");
        }
        String knownHosts = env.get("SLURM_SSH_KNOWN_HOSTS");
        if (production && blank(knownHosts) && blank(env.get("BEAMPIPE_SSH_CREDENTIALS_DIR"))) {
            issues.add("SLURM_SSH_KNOWN_HOSTS is required in production");
        }
        if (!blank(knownHosts) && "none".equalsIgnoreCase(knownHosts.trim())) {
            issues.add("SLURM_SSH_KNOWN_HOSTS=none is not supported: beampipe always verifies SSH host keys against known_hosts");
        } else if (!blank(knownHosts) && !Files.isReadable(Path.of(knownHosts))) {
            issues.add("SLURM_SSH_KNOWN_HOSTS " + knownHosts + " does not exist or is not readable");
        }
        if (production && flag(env, "BEAMPIPE_SLURM_SSH_ALLOW_HOME_FALLBACK").orElse(false)) {
            issues.add("BEAMPIPE_SLURM_SSH_ALLOW_HOME_FALLBACK is not allowed in production");
        }
        return issues;
    }

    static Optional<Boolean> flag(Map<String, String> env, String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "on" -> Optional.of(true);
            case "0", "false", "no", "n", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Every environment variable the rules read, for processes that read settings through MicroProfile Config. */
    public static final List<String> NAMES = List.of("BEAMPIPE_ENV", "BEAMPIPE_SECURITY_STRICT", "BEAMPIPE_JWT_SECRET",
            "DATABASE_URL", "BEAMPIPE_METRICS_PUBLIC", "BEAMPIPE_CORS_ALLOW_ORIGINS", "BEAMPIPE_USE_REAL_BACKENDS",
            "SLURM_SSH_PRIVATE_KEY", "SLURM_SSH_PRIVATE_KEY_FILE", "BEAMPIPE_SSH_CREDENTIALS_DIR",
            "BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "BEAMPIPE_ALLOW_INSECURE_SSH_HOST_KEYS", "SLURM_SSH_KNOWN_HOSTS",
            "BEAMPIPE_SLURM_SSH_ALLOW_HOME_FALLBACK", "CASDA_USERNAME", "CASDA_PASSWORD_FILE", "CASDA_PASSWORD");
}
