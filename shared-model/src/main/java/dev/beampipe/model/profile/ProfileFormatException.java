package dev.beampipe.model.profile;

/** The document does not have the profile's shape; {@code path} names where ({@code .} = the root). */
public class ProfileFormatException extends RuntimeException {
    private final String path;

    public ProfileFormatException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
