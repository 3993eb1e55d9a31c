package dev.beampipe.api.auth;

import dev.beampipe.api.errors.AllowedMethods;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every routed operation that is not {@link Public}, before the body or its content type is
 * looked at (a bad body or a wrong content type without a token is a 401, 20-api §1.1, §8 item 17). Unknown
 * paths and wrong methods are left to routing (404/405, no authentication, as in the reference). The superuser
 * check happens later, in the handler ({@code AccessPolicy}).
 */
public class BearerAuthentication {
    private final Authenticator authenticator;
    private final CurrentUser currentUser;
    private final AllowedMethods routes;

    public BearerAuthentication(Authenticator authenticator, CurrentUser currentUser, AllowedMethods routes) {
        this.authenticator = authenticator;
        this.currentUser = currentUser;
        this.routes = routes;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request) {
        boolean open = routes.isPublic(request.getMethod(), request.getUriInfo().getPath()).orElse(true);
        if (open) {
            return Uni.createFrom().voidItem();
        }
        return authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .invoke(currentUser::set).replaceWithVoid();
    }
}
