package dev.beampipe.api.testing;

import io.restassured.response.ValidatableResponse;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Asserts the {@code ApiErrorResponse} shape of 20-api §1.4. */
public final class ErrorBody {
    private ErrorBody() {
    }

    public static ValidatableResponse assertError(ValidatableResponse response, int status, String code, String failureClass) {
        return response.statusCode(status)
                .contentType(startsWith("application/json"))
                .header("x-request-id", notNullValue())
                .body("code", equalTo(code))
                .body("failure.code", equalTo(code))
                .body("failure.class", equalTo(failureClass))
                .body("failure.component", notNullValue())
                .body("failure.retry", notNullValue())
                .body("failure.system_action", notNullValue())
                .body("error", notNullValue())
                .body("failure.message", notNullValue());
    }
}
