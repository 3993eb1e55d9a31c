package dev.beampipe.model.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.Arrays;

/** Flyway over the migrations in {@code db/migration} (classpath of shared-model). */
public final class Migrations {
    public static final String LOCATION = "classpath:db/migration";
    /** The newest migration this build ships; {@code /api/v2/ready} requires the database to be at it. */
    public static final String LATEST_VERSION = "20261129000100";

    private Migrations() {
    }

    private static Flyway flyway(DatabaseUrl url) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url.toJdbcUrl(), url.user(), url.password())
                .locations(LOCATION)
                .connectRetries(0)
                .load();
    }

    /** Applies every pending migration; returns how many were applied (0 on an up-to-date database). */
    public static int migrate(DatabaseUrl url) {
        MigrateResult result = flyway(url).migrate();
        return result.migrationsExecuted;
    }

    /**
     * Cheap check over the reactive pool (no JDBC): the newest successful version in Flyway's history and
     * the number of failed entries. Used by readiness.
     */
    public static Status statusOf(Database db) {
        boolean historyExists = db.sql().first("SELECT to_regclass('flyway_schema_history') IS NOT NULL", r -> r.getBoolean(0)).orElse(false);
        if (!historyExists) {
            return new Status(0, 1, 0, null);
        }
        return db.sql().first("SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success), "
                        + "max(version::numeric) FILTER (WHERE success)::text FROM flyway_schema_history WHERE version IS NOT NULL",
                r -> {
                    String current = r.getString(2);
                    long applied = r.getLong(0);
                    boolean atLatest = current != null && new java.math.BigDecimal(current).compareTo(new java.math.BigDecimal(LATEST_VERSION)) >= 0;
                    return new Status(applied, atLatest ? 0 : 1, r.getLong(1), current);
                }).orElse(new Status(0, 1, 0, null));
    }

    public static Status status(DatabaseUrl url) {
        MigrationInfo[] all = flyway(url).info().all();
        long pending = Arrays.stream(all).filter(i -> i.getState() == MigrationState.PENDING).count();
        long failed = Arrays.stream(all).filter(i -> i.getState().isFailed()).count();
        long applied = Arrays.stream(all).filter(i -> i.getState().isApplied()).count();
        String current = Arrays.stream(all).filter(i -> i.getState().isApplied())
                .reduce((a, b) -> b).map(i -> i.getVersion().toString()).orElse(null);
        return new Status(applied, pending, failed, current);
    }

    /** Counts of migrations by state as Flyway sees them. */
    public record Status(long applied, long pending, long failed, String currentVersion) {
        public boolean upToDate() {
            return pending == 0 && failed == 0;
        }
    }
}
