package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.api.secrets.InlineSecretGate;
import dev.beampipe.model.alerts.AlertConflictException;
import dev.beampipe.model.alerts.ChannelConfigs;
import dev.beampipe.model.alerts.NotificationChannel;
import dev.beampipe.model.alerts.NotificationChannels;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Channel writes after the body is bound and the caller is a superuser: the kind's rules (400), the production
 * inline-secret gate, then the store; a duplicate name is 409 (the reference's 500, docs/differences.md).
 */
final class ChannelWrites {
    private final NotificationChannels store;
    private final InlineSecretGate secrets;
    private final MeterRegistry meters;

    ChannelWrites(NotificationChannels store, InlineSecretGate secrets, MeterRegistry meters) {
        this.store = store;
        this.secrets = secrets;
        this.meters = meters;
    }

    NotificationChannel create(NotificationChannelCreate body) {
        checkName(body.name());
        checked(body.kind(), body.config());
        return guarded(() -> store.create(body.name(), body.kind(), body.config(), body.enabled() == null || body.enabled()));
    }

    Optional<NotificationChannel> update(UUID id, NotificationChannelUpdate body) {
        if (body.name() != null) {
            checkName(body.name());
        }
        return guarded(() -> store.update(id, current -> {
            JsonNode config = body.config() == null || body.config().isNull() ? current.config()
                    : ChannelConfigs.merge(current.config(), body.config());
            checked(current.kind(), config);
            return current.with(body.name() == null ? current.name() : body.name(), config,
                    body.enabled() == null ? current.enabled() : body.enabled());
        }));
    }

    private void checked(String kind, JsonNode config) {
        ChannelConfigs.problem(kind, config).ifPresent(message -> {
            throw ApiErrors.badRequest(message);
        });
        if (ChannelConfigs.containsNul(config)) {
            throw ApiErrors.badRequest("config must not contain NUL characters");
        }
        secrets.checkNotificationChannel(kind, config);
        List<String> secretPaths = ChannelConfigs.secretFields(kind, config);
        for (String path : secretPaths) {
            meters.counter("beampipe_secret_refs_configured", "kind", path.substring(path.lastIndexOf('.') + 1)).increment();
        }
    }

    private static void checkName(String name) {
        if (name.isBlank()) {
            throw ApiErrors.badRequest("name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw ApiErrors.badRequest("name must not contain NUL characters");
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (AlertConflictException e) {
            throw ApiErrors.conflict(e.getMessage());
        }
    }
}
