package dev.beampipe.api.auth;

import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.auth.UserAccount;
import dev.beampipe.model.auth.UserAccounts;
import dev.beampipe.model.db.Database;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import org.jboss.logging.Logger;

/**
 * Request authentication (20-api §3.3): {@code Authorization: Bearer <token>} (exact prefix), a valid access
 * token, not revoked, for a user that exists and is not deleted. Every failure is the same 401. The revocation
 * and user lookups are one non-blocking query, so this can run before routing on the event loop.
 */
public final class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    static final String PREFIX = "Bearer ";
    private static final String LOOKUP = "SELECT " + UserAccounts.COLUMNS + ", EXISTS (SELECT 1 FROM token_blacklist "
            + "WHERE token_hash = $2 AND expires_at > now()) AS revoked FROM users WHERE username = $1 AND NOT is_deleted";

    private final Tokens tokens;
    private final Database db;

    public Authenticator(Tokens tokens, Database db) {
        this.tokens = tokens;
        this.db = db;
    }

    public Uni<UserAccount> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith(PREFIX)) {
            return Uni.createFrom().failure(reject("missing_bearer"));
        }
        String token = authorization.substring(PREFIX.length()).trim();
        TokenClaims claims;
        try {
            claims = tokens.verify(token, TokenType.ACCESS);
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(reject("invalid_token:" + e.getMessage().replace(' ', '_')));
        }
        return db.executeAsync(LOOKUP, claims.subject(), Tokens.hash(token)).map(rows -> {
            for (Row row : rows) {
                if (row.getBoolean("revoked")) {
                    throw reject("revoked");
                }
                return UserAccounts.fromRow(row);
            }
            throw reject("unknown_user");
        });
    }

    private static RuntimeException reject(String reason) {
        LOG.debugf("event=authentication_failed reason=%s", reason);
        return ApiErrors.unauthorized();
    }
}
