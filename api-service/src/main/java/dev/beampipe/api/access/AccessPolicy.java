package dev.beampipe.api.access;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place the role checks of 20-api §2.12 will live. Authentication (a valid bearer token) runs before
 * the body is parsed and is a route-level concern; the superuser check runs inside the handler, after the body
 * has been parsed (§1.1, §8 item 17), so every superuser-only handler calls {@link #requireSuperuser()} right
 * after its body is bound. Until the authentication issue lands this is a no-op: do not expose the API beyond a
 * trusted network.
 */
@ApplicationScoped
public class AccessPolicy {

    /** Throws 403 {@code forbidden} ("superuser required") once authentication exists; a no-op for now. */
    public void requireSuperuser() {
        // intentionally empty until bearer authentication is implemented
    }
}
