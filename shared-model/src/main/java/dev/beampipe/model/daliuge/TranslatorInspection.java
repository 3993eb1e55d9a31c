package dev.beampipe.model.daliuge;

import java.util.List;

/**
 * What {@code inspect} learns from a Translator Manager (40-backends §2.8). The TM reports no version, so
 * {@link #version()} is always null and {@link #warnings()} holds {@code daliuge.version_unreported}.
 */
public record TranslatorInspection(String tmUrl, List<String> methods) {

    public static final String VERSION_UNREPORTED = "daliuge.version_unreported";

    public TranslatorInspection {
        methods = List.copyOf(methods);
    }

    public boolean updatedTranslationApi() {
        return true;
    }

    public String version() {
        return null;
    }

    public List<String> warnings() {
        return List.of(VERSION_UNREPORTED);
    }
}
