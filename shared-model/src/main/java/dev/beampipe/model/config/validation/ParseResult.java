package dev.beampipe.model.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.model.ProjectConfig;

/** The outcome of parsing a project config document: a typed model, or exactly one error diagnostic. */
public sealed interface ParseResult {

    /** {@code tree} is the byte-sorted JSON tree the model was bound from. */
    record Parsed(JsonNode tree, ProjectConfig config) implements ParseResult {
    }

    /** {@code projectId} is {@code metadata.id} when the tree was built and it is a string, else {@code ""}. */
    record Failed(Diagnostic error, String projectId) implements ParseResult {
    }
}
