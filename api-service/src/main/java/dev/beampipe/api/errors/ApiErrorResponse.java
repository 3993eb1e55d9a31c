package dev.beampipe.api.errors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of every error response: {@code error} and {@code code} repeat the failure's message and code. */
@Schema(requiredProperties = {"error", "code", "failure"})
public record ApiErrorResponse(String error, String code, Failure failure) {
    public static ApiErrorResponse of(Failure failure) {
        return new ApiErrorResponse(failure.message(), failure.code(), failure);
    }
}
