package dev.beampipe.cli;

import dev.beampipe.cli.migrate.Migrator;
import dev.beampipe.model.db.Database;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The process environment the operator commands read ({@code DATABASE_URL}, {@code BEAMPIPE_*}); tests pass their own
 * map. Operator actions are recorded with the actor {@value #ACTOR}.
 */
public record OperatorEnvironment(Map<String, String> env) {
    public static final String ACTOR = "operator:cli";

    public OperatorEnvironment {
        env = Map.copyOf(env);
    }

    public static OperatorEnvironment system() {
        return new OperatorEnvironment(System.getenv());
    }

    public Optional<String> get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public boolean hasDatabase() {
        return get("DATABASE_URL").isPresent();
    }

    /** A pool of two connections on {@code DATABASE_URL} (a missing or malformed URL is a {@link CliException}). */
    public Database openDatabase() {
        return Database.open(Migrator.databaseUrl(env), 2);
    }

    /** {@code BEAMPIPE_USE_REAL_BACKENDS}: only {@code true} lets side-effecting backend calls leave the process. */
    public boolean realBackends() {
        return get("BEAMPIPE_USE_REAL_BACKENDS").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    public static UUID executionId(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException("'" + text + "' is not an execution uuid");
        }
    }
}
