package dev.beampipe.model.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code users}; {@code hashedPassword} never leaves the server. */
public record UserAccount(
        int id,
        UUID uuid,
        String name,
        String username,
        String email,
        String hashedPassword,
        String profileImageUrl,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        boolean superuser) {

    @Override
    public String toString() {
        return "UserAccount[" + username + (superuser ? ", superuser" : "") + "]";
    }
}
