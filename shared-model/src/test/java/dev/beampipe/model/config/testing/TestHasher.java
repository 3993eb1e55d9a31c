package dev.beampipe.model.config.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.config.validation.ProjectConfigValidation;
import dev.beampipe.model.config.validation.SpecHasher;
import java.nio.charset.StandardCharsets;

/**
 * Stand-in for the canonical writer in these tests: Jackson's compact text in tree order. Equal to the canonical
 * text for trees without floats, control characters or non-ASCII escapes.
 */
public final class TestHasher implements SpecHasher {

    public static final TestHasher INSTANCE = new TestHasher();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static String compact(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String hash(JsonNode modelTree) {
        return ProjectConfigValidation.sha256Hex(compact(modelTree).getBytes(StandardCharsets.UTF_8));
    }
}
