package dev.beampipe.api.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the JAX-RS response for an {@link ApiException}. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(ApiException e) {
        return builder(e).build();
    }

    public static Response.ResponseBuilder builder(ApiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiErrorResponse.of(e.failure()));
    }
}
