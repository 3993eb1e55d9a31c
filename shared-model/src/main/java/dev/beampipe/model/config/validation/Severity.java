package dev.beampipe.model.config.validation;

import java.util.Locale;

public enum Severity {
    ERROR, WARNING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
