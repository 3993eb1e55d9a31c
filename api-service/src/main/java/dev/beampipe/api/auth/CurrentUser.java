package dev.beampipe.api.auth;

import dev.beampipe.model.auth.UserAccount;
import jakarta.enterprise.context.RequestScoped;

/** The user the bearer token of this request belongs to; set by {@link BearerAuthentication}. */
@RequestScoped
public class CurrentUser {
    private UserAccount user;

    void set(UserAccount user) {
        this.user = user;
    }

    /** The authenticated user; only public routes have none, and they must not ask. */
    public UserAccount get() {
        if (user == null) {
            throw new IllegalStateException("no authenticated user on this request");
        }
        return user;
    }

    public boolean present() {
        return user != null;
    }
}
