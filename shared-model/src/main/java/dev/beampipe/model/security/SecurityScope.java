package dev.beampipe.model.security;

/**
 * Which rules a process runs at startup. The API runs them all; the scheduler and the workers serve no public
 * HTTP and hold no JWT, so they skip the HTTP rules (JWT secret, CORS, public metrics) and run the rest. The
 * {@code security check} command always runs everything.
 */
public enum SecurityScope {
    ALL, NON_HTTP
}
