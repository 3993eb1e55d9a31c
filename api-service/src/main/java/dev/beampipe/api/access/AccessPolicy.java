package dev.beampipe.api.access;

import dev.beampipe.api.auth.CurrentUser;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.auth.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The role checks of 20-api §2.12. Authentication (a valid bearer token) runs before the body is parsed; the
 * superuser check runs inside the handler, after the body has been bound (§1.1, §8 item 17), so every
 * superuser-only handler calls {@link #requireSuperuser()} right after its body is bound.
 */
@ApplicationScoped
public class AccessPolicy {
    private final CurrentUser currentUser;

    public AccessPolicy(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** 403 {@code forbidden} "superuser required" unless the authenticated user is a superuser. */
    public UserAccount requireSuperuser() {
        UserAccount user = currentUser.get();
        if (!user.superuser()) {
            throw ApiErrors.forbidden();
        }
        return user;
    }

    /** The authenticated user of this request. */
    public UserAccount user() {
        return currentUser.get();
    }
}
