package dev.beampipe.model.auth;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.db.SqlStates;
import dev.beampipe.model.ids.Uuid7;
import io.vertx.mutiny.sqlclient.Row;

import java.util.Optional;

/** The {@code users} table: created by the CLI only (there is no user administration API, 20-api §3.5). */
public final class UserAccounts {
    public static final String COLUMNS = "id, uuid, name, username, email, hashed_password, profile_image_url, created_at, "
            + "updated_at, is_superuser";

    private final Database db;

    public UserAccounts(Database db) {
        this.db = db;
    }

    public UserAccount create(NewUser user) {
        if (user.password() == null || user.password().isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        String hash = PasswordHashing.hash(user.password());
        try {
            return db.sql().first("INSERT INTO users (uuid, name, username, email, hashed_password, is_superuser) "
                            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS, UserAccounts::fromRow,
                    Uuid7.next(), user.name(), user.username(), user.email(), hash, user.superuser()).orElseThrow();
        } catch (RuntimeException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                throw new UserExistsException("a user with username '" + user.username() + "' or email '"
                        + user.email() + "' already exists");
            }
            throw e;
        }
    }

    /** Exact, case-sensitive username among users that are not deleted. */
    public Optional<UserAccount> findActive(String username) {
        return db.sql().first("SELECT " + COLUMNS + " FROM users WHERE username = $1 AND NOT is_deleted",
                UserAccounts::fromRow, username);
    }

    public boolean exists(String username) {
        return db.sql().count("SELECT count(*) FROM users WHERE username = $1", username) > 0;
    }

    public static UserAccount fromRow(Row r) {
        return new UserAccount(r.getInteger("id"), r.getUUID("uuid"), r.getString("name"), r.getString("username"),
                r.getString("email"), r.getString("hashed_password"), r.getString("profile_image_url"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getBoolean("is_superuser"));
    }
}
