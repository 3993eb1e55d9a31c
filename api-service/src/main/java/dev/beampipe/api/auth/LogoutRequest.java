package dev.beampipe.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record LogoutRequest(String accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "LogoutRequest[[REDACTED]]";
    }
}
