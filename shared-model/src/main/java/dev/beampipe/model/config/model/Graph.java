package dev.beampipe.model.config.model;

/** {@code graph}: all three keys nullable; validation requires exactly one of url/path and a sha256. */
public record Graph(String url, String path, String sha256) {
}
