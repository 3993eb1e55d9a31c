package dev.beampipe.api.auth;

/** The reference's claims, in its order: {@code sub} (the username), {@code typ}, {@code jti}, {@code exp}, {@code iat}. */
public record TokenClaims(String subject, TokenType type, String jti, long expiresAt, long issuedAt) {
}
