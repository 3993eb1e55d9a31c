package dev.beampipe.model.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The compact JSON text of a value, as serde_json's {@code Value::to_string} writes it: the reference uses
 * it for non-string group keys and for a patched Integer field's {@code defaultValue}. Object keys are
 * byte-sorted (serde_json maps are sorted), strings keep non-ASCII raw and escape control characters with
 * lower-case hex, floats follow §5.6.3.
 */
@FunctionalInterface
public interface JsonText {

    String write(JsonNode value);

    /** serde_json's {@code Value::to_string}: the shared canonical writer with every object's keys byte-sorted. */
    JsonText SERDE = dev.beampipe.model.canonical.StableJson::write;
}
