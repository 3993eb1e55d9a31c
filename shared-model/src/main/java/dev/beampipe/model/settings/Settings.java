package dev.beampipe.model.settings;

import dev.beampipe.model.db.DatabaseUrl;

import java.util.Map;

/**
 * The runtime settings of the job system, read from the environment with the reference's names and
 * rules (10-state-and-jobs §6). YAML settings files arrive with the operations issue.
 */
public record Settings(
        DatabaseUrl databaseUrl,
        int dbMaxConnections,
        WorkerSettings worker,
        int schedulerIntervalSeconds,
        int jobRetentionDays,
        int claimHistoryRetentionDays,
        boolean migrateOnServe,
        String environment) {

    public static Settings fromEnv(Map<String, String> environment) {
        EnvValues env = new EnvValues(environment);
        String url = env.string("DATABASE_URL")
                .orElseThrow(() -> new SettingsException("DATABASE_URL is required (postgres://user:password@host:port/database)"));
        DatabaseUrl databaseUrl;
        try {
            databaseUrl = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
        int maxConnections = (int) env.integer("BEAMPIPE_DB_MAX_CONNECTIONS", 10);
        if (maxConnections <= 0) {
            throw new SettingsException("BEAMPIPE_DB_MAX_CONNECTIONS must be > 0");
        }
        int schedulerInterval = (int) Math.max(1, env.integer("BEAMPIPE_SCHEDULER_INTERVAL_SECONDS", 60));
        int jobRetention = (int) env.integer("BEAMPIPE_JOB_RETENTION_DAYS", 14);
        int historyRetention = (int) env.integer("BEAMPIPE_CLAIM_HISTORY_RETENTION_DAYS", 14);
        if (jobRetention < 1 || historyRetention < 1) {
            throw new SettingsException("BEAMPIPE_JOB_RETENTION_DAYS and BEAMPIPE_CLAIM_HISTORY_RETENTION_DAYS must be >= 1");
        }
        return new Settings(databaseUrl, maxConnections, WorkerSettings.from(env), schedulerInterval,
                jobRetention, historyRetention, env.bool("BEAMPIPE_MIGRATE_ON_SERVE", false),
                env.string("BEAMPIPE_ENV", "development"));
    }

    public static Settings fromSystemEnv() {
        return fromEnv(System.getenv());
    }

    public boolean production() {
        return "production".equalsIgnoreCase(environment) || "prod".equalsIgnoreCase(environment);
    }
}
