package dev.beampipe.model.security;

/** The startup gate refused to run; the message lists every issue (never a secret value). */
public class SecurityGateException extends RuntimeException {
    public SecurityGateException(String message) {
        super(message);
    }
}
