package dev.beampipe.worker.discovery.tap;

import java.util.OptionalLong;

/**
 * One DataLink row (40-backends §5.6). Blank cells are {@code ""}; {@code contentLength} is empty when the
 * cell is blank or not a number. {@code authenticatedIdToken} is a credential for the SODA service: never
 * log it.
 */
public record DatalinkLink(String id, String accessUrl, String serviceDef, String errorMessage, String description,
                           String semantics, String contentType, OptionalLong contentLength,
                           String authenticatedIdToken) {

    public boolean isError() {
        return "#error".equals(semantics) || !errorMessage.isBlank();
    }

    /** A direct download row ({@code #this} with an access URL). */
    public boolean isDirectAccess() {
        return "#this".equals(semantics) && !accessUrl.isBlank();
    }

    @Override
    public String toString() {
        return "DatalinkLink[id=" + id + ", accessUrl=" + accessUrl + ", serviceDef=" + serviceDef + ", semantics="
                + semantics + ", contentType=" + contentType + ", contentLength=" + contentLength
                + ", authenticatedIdToken=" + (authenticatedIdToken.isBlank() ? "" : "[REDACTED]") + "]";
    }
}
