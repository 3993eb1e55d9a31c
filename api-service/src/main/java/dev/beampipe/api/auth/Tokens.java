package dev.beampipe.api.auth;

import dev.beampipe.model.canonical.Sha256;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.ids.Uuid7;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Issues token pairs and keeps the revocation list ({@code token_blacklist}, keyed by the SHA-256 hex of the
 * token, kept until the token's own expiry).
 */
public final class Tokens {
    private final JwtCodec codec;
    private final AuthSettings settings;
    private final Database db;
    private final Clock clock;

    public Tokens(AuthSettings settings, Database db, Clock clock) {
        this.codec = new JwtCodec(settings.secret());
        this.settings = settings;
        this.db = db;
        this.clock = clock;
    }

    public TokenResponse issuePair(String username) {
        return new TokenResponse(issue(username, TokenType.ACCESS), issue(username, TokenType.REFRESH), "bearer");
    }

    public String issue(String username, TokenType type) {
        long now = Instant.now(clock).getEpochSecond();
        long ttl = (type == TokenType.ACCESS ? settings.accessTtl() : settings.refreshTtl()).toSeconds();
        return codec.encode(new TokenClaims(username, type, Uuid7.next().toString(), now + ttl, now));
    }

    public TokenClaims verify(String token, TokenType type) throws InvalidTokenException {
        return codec.decode(token, type, Instant.now(clock).getEpochSecond());
    }

    public boolean revoked(String token) {
        return db.sql().count("SELECT count(*) FROM token_blacklist WHERE token_hash = $1 AND expires_at > now()",
                hash(token)) > 0;
    }

    /** True when this call revoked the token, false when it already was: the row count decides, atomically. */
    public boolean revoke(String token, long expiresAtEpochSeconds) {
        OffsetDateTime expires = OffsetDateTime.ofInstant(Instant.ofEpochSecond(expiresAtEpochSeconds), ZoneOffset.UTC);
        return db.sql().update("INSERT INTO token_blacklist (token_hash, expires_at) VALUES ($1, $2) "
                + "ON CONFLICT (token_hash) DO NOTHING", hash(token), expires) == 1;
    }

    public void purgeExpired() {
        db.sql().update("DELETE FROM token_blacklist WHERE expires_at <= now()");
    }

    static String hash(String token) {
        return Sha256.hex(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
