package dev.beampipe.model.config.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical hash of a model tree ({@code ModelTree.toJson}): lowercase hex SHA-256 of its canonical compact
 * JSON (30-project-config §5.5). Implemented by the canonical writer and passed in by the caller.
 */
@FunctionalInterface
public interface SpecHasher {
    String hash(JsonNode modelTree);

    /** The one real implementation: serde-compatible compact JSON in the tree's key order, SHA-256. */
    static SpecHasher canonical() {
        return dev.beampipe.model.canonical.CanonicalJson::sha256;
    }
}
