package dev.beampipe.model.config.signature;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.canonical.StableJson;

import java.util.Map;
import java.util.Optional;

/**
 * The execution-level combined signature (30-project-config §3.7.5, 10-state-and-jobs §4.5):
 * {@link StableJson} SHA-256 of {@code {source_identifier: "<source signature>"}}.
 */
public final class ExecutionSignature {

    private ExecutionSignature() {
    }

    /**
     * Combined signature over the registry rows found for the selected sources. A null source signature is
     * hashed as {@code ""} (the creation-time rule; at dispatch and completion the caller passes only
     * sources that have one). No rows at all → empty (the stored value is NULL).
     */
    public static Optional<String> combined(Map<String, String> sourceSignatures) {
        if (sourceSignatures.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        sourceSignatures.forEach((source, signature) -> root.put(source, signature == null ? "" : signature));
        return Optional.of(StableJson.sha256(root));
    }
}
