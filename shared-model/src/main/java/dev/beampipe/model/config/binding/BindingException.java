package dev.beampipe.model.config.binding;

/** The single structural error of typed parsing: serde's message and the path where it happened. */
public final class BindingException extends Exception {

    private final transient BindPath path;

    public BindingException(BindPath path, String message) {
        super(message);
        this.path = path;
    }

    public BindPath path() {
        return path;
    }
}
