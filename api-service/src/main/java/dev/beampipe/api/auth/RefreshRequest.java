package dev.beampipe.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record RefreshRequest(String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[[REDACTED]]";
    }
}
