package dev.beampipe.cli;

/** Keeps a known secret out of text meant for a terminal or a log. */
public final class Secrets {
    public static final String REDACTED = "[REDACTED]";

    private Secrets() {
    }

    /** {@code text} with every occurrence of {@code secret} replaced by {@code [REDACTED]}. */
    public static String scrub(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, REDACTED);
    }
}
