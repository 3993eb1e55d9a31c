package dev.beampipe.model.settings;

/** A setting that is missing or malformed; the message names the variable, never its value when secret. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
