package dev.beampipe.api.auth;

import dev.beampipe.model.auth.UserAccount;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code GET /user/me}: never the numeric id, the hash or the deletion columns. */
public record CurrentUserResponse(UUID uuid, String name, String username, String email, String profileImageUrl,
                                  boolean isSuperuser, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static CurrentUserResponse of(UserAccount user) {
        return new CurrentUserResponse(user.uuid(), user.name(), user.username(), user.email(), user.profileImageUrl(),
                user.superuser(), user.createdAt(), user.updatedAt());
    }
}
