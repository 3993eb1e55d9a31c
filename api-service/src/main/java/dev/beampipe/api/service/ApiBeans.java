package dev.beampipe.api.service;

import dev.beampipe.api.auth.AuthSettings;
import dev.beampipe.api.auth.Authenticator;
import dev.beampipe.api.auth.Tokens;
import dev.beampipe.api.ratelimit.RateLimitSettings;
import dev.beampipe.api.ratelimit.RateLimiter;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.auth.UserAccounts;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.Migrations;
import dev.beampipe.model.security.SecurityChecks;
import dev.beampipe.model.security.SecurityGateException;
import dev.beampipe.model.security.SecurityScope;
import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.settings.SettingsException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings, the one database pool of the process and the inline-secret gate. The pool is created at
 * startup so that a missing or invalid {@code DATABASE_URL} stops the service with a clear message. The API
 * never migrates unless {@code BEAMPIPE_MIGRATE_ON_SERVE=true}.
 */
@ApplicationScoped
public class ApiBeans {
    private static final Logger LOG = Logger.getLogger(ApiBeans.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Produces
    @Singleton
    Settings settings() {
        try {
            return ApiSettings.from(ConfigProvider.getConfig());
        } catch (SettingsException e) {
            LOG.errorf("event=api_startup_failed reason=settings %s", e.getMessage());
            throw new IllegalStateException("api-service cannot start: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    Database database(Settings settings) {
        if (settings.migrateOnServe()) {
            try {
                int applied = Migrations.migrate(settings.databaseUrl());
                LOG.infof("event=migrations_applied count=%d database=%s", applied, settings.databaseUrl());
            } catch (RuntimeException e) {
                LOG.errorf("event=api_startup_failed reason=migrations database=%s %s", settings.databaseUrl(), e.getMessage());
                throw new IllegalStateException("api-service cannot start: BEAMPIPE_MIGRATE_ON_SERVE=true but the "
                        + "migrations failed on " + settings.databaseUrl(), e);
            }
        }
        LOG.infof("event=database_pool_opened database=%s max_connections=%d", settings.databaseUrl(), settings.dbMaxConnections());
        return Database.open(settings.databaseUrl(), settings.dbMaxConnections());
    }

    @Produces
    @Singleton
    InlineSecretGate inlineSecretGate(Settings settings, MeterRegistry meters) {
        boolean allowed = ApiSettings.flag(ConfigProvider.getConfig(), "BEAMPIPE_ALLOW_INLINE_SECRETS");
        return new InlineSecretGate(settings.production() && !allowed, meters);
    }

    @Produces
    @Singleton
    AuthSettings authSettings() {
        try {
            SecurityChecks.enforce(securityEnvironment(ConfigProvider.getConfig()), SecurityScope.ALL);
            return AuthSettings.from(ConfigProvider.getConfig());
        } catch (IllegalStateException | SecurityGateException e) {
            LOG.errorf("event=api_startup_failed reason=security %s", e.getMessage());
            throw new IllegalStateException("api-service cannot start: " + e.getMessage(), e);
        }
    }

    /** The variables the security rules read, through MicroProfile Config (env vars in production). */
    public static Map<String, String> securityEnvironment(Config config) {
        Map<String, String> env = new HashMap<>();
        for (String name : SecurityChecks.NAMES) {
            config.getOptionalValue(name, String.class).ifPresent(value -> env.put(name, value));
        }
        return env;
    }

    @Produces
    @Singleton
    Tokens tokens(AuthSettings settings, Database database) {
        return new Tokens(settings, database, Clock.systemUTC());
    }

    @Produces
    @Singleton
    UserAccounts userAccounts(Database database) {
        return new UserAccounts(database);
    }

    @Produces
    @Singleton
    Authenticator authenticator(Tokens tokens, Database database) {
        return new Authenticator(tokens, database);
    }

    @Produces
    @Singleton
    RateLimitSettings rateLimitSettings() {
        try {
            return RateLimitSettings.from(ConfigProvider.getConfig());
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.errorf("event=api_startup_failed reason=settings %s", e.getMessage());
            throw new IllegalStateException("api-service cannot start: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(Database database) {
        return new RateLimiter(database);
    }

    /** Bounded: a connection stuck in a hanging database's handshake must not hold up shutdown. */
    void close(@Disposes Database database) throws InterruptedException {
        Thread closer = new Thread(database::close, "beampipe-db-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(CLOSE_WAIT.toMillis());
        if (closer.isAlive()) {
            LOG.warnf("event=database_pool_close_timeout waited_ms=%d", CLOSE_WAIT.toMillis());
        }
    }

    /** Resolving the pool at startup makes configuration errors fatal before the listener serves traffic. */
    void start(@Observes StartupEvent event, Database database, AuthSettings auth, RateLimitSettings rateLimits) {
        LOG.debugf("database ready: %s", database.url());
    }
}
