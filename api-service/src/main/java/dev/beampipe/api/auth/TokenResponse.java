package dev.beampipe.api.auth;

/** {@code POST /login} and {@code /refresh}: {@code token_type} is always {@code "bearer"}. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType) {

    @Override
    public String toString() {
        return "TokenResponse[[REDACTED]]";
    }
}
