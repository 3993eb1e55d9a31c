package dev.beampipe.model.config.binding;

import com.fasterxml.jackson.databind.JsonNode;

/** Converts one JSON value at a path into a model value, or fails with serde's message. */
@FunctionalInterface
interface Reader<T> {
    T read(JsonNode node, BindPath path) throws BindingException;
}
