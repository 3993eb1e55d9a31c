package dev.beampipe.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Lenient about unknown fields, like the reference's {@code LoginRequest}; both fields are required. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoginRequest(@JsonProperty(required = true) String username, @JsonProperty(required = true) String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
