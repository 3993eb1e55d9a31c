package dev.beampipe.model.config.model;

/** A query-template variable: {@code from} absent or {@code canonical} means the source identifier. */
public record TemplateVar(String from, String transform) {
}
