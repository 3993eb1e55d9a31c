package dev.beampipe.api.auth;

/** The payload claim {@code typ}: an access token cannot refresh and a refresh token cannot authenticate. */
public enum TokenType {
    ACCESS("access"), REFRESH("refresh");

    private final String claim;

    TokenType(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }
}
