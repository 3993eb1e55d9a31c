package dev.beampipe.api.errors;

import jakarta.ws.rs.BadRequestException;

/**
 * A path or query parameter that does not parse. Quarkus REST rethrows WebApplicationExceptions from
 * converters unchanged (anything else would become a 404), so this one carries the 400 to the mapper.
 */
public final class InvalidParameterException extends BadRequestException {
    public InvalidParameterException(String message) {
        super(message);
    }
}
