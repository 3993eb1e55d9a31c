package dev.beampipe.api.auth;

import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.auth.PasswordHashing;
import dev.beampipe.model.auth.UserAccount;
import dev.beampipe.model.auth.UserAccounts;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * Login, refresh rotation, logout and the current user (20-api §2.2, §3). Where the reference has races or
 * gaps we close them without changing the contract: rotation and logout are insert-if-absent (the row count
 * decides), a refresh re-checks that the user still exists, and unknown users cost one bcrypt verification.
 */
@Path("/api/v2")
@Tag(name = "auth")
public class AuthResource {
    private final Tokens tokens;
    private final UserAccounts users;
    private final CurrentUser currentUser;

    public AuthResource(Tokens tokens, UserAccounts users, CurrentUser currentUser) {
        this.tokens = tokens;
        this.users = users;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "login", summary = "Login", description = "Exchange a username and password for an access and a refresh token.")
    @APIResponse(responseCode = "200", description = "Token pair", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Authentication failed", content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public TokenResponse login(LoginRequest body) {
        ApiErrors.requireBody(body);
        Optional<UserAccount> user = users.findActive(body.username());
        boolean verified = user.isPresent()
                ? PasswordHashing.verify(body.password(), user.get().hashedPassword())
                : PasswordHashing.verifyAgainstNothing(body.password());
        if (!verified) {
            throw ApiErrors.unauthorized();
        }
        return tokens.issuePair(user.get().username());
    }

    @POST
    @Path("/refresh")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "refresh", summary = "Refresh", description = "Rotate a refresh token into a new token pair.")
    @APIResponse(responseCode = "200", description = "Token pair", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public TokenResponse refresh(RefreshRequest body) {
        tokens.purgeExpired();
        String token = body == null ? null : body.refreshToken();
        if (token == null || token.isBlank()) {
            throw ApiErrors.badRequest("refresh_token required");
        }
        if (tokens.revoked(token)) {
            throw ApiErrors.badRequest("token revoked");
        }
        TokenClaims claims = verified(token, TokenType.REFRESH);
        UserAccount user = users.findActive(claims.subject()).orElseThrow(ApiErrors::unauthorized);
        if (!tokens.revoke(token, claims.expiresAt())) {
            // a concurrent refresh with the same token won the rotation
            throw ApiErrors.badRequest("token revoked");
        }
        return tokens.issuePair(user.username());
    }

    @POST
    @Path("/logout")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "logout", summary = "Logout", description = "Revoke an access and/or a refresh token.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response logout(LogoutRequest body) {
        tokens.purgeExpired();
        String access = body == null ? null : blankToNull(body.accessToken());
        String refresh = body == null ? null : blankToNull(body.refreshToken());
        if (access == null && refresh == null) {
            throw ApiErrors.badRequest("access_token or refresh_token required");
        }
        TokenClaims accessClaims = access == null ? null : verified(access, TokenType.ACCESS);
        TokenClaims refreshClaims = refresh == null ? null : verified(refresh, TokenType.REFRESH);
        if (accessClaims != null && refreshClaims != null && !accessClaims.subject().equals(refreshClaims.subject())) {
            throw ApiErrors.unauthorized();
        }
        if (accessClaims != null) {
            tokens.revoke(access, accessClaims.expiresAt());
        }
        if (refreshClaims != null) {
            tokens.revoke(refresh, refreshClaims.expiresAt());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/user/me")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "current_user", summary = "Current user", description = "The authenticated user.")
    @APIResponse(responseCode = "200", description = "Current user", content = @Content(schema = @Schema(implementation = CurrentUserResponse.class)))
    public CurrentUserResponse me() {
        return CurrentUserResponse.of(currentUser.get());
    }

    private TokenClaims verified(String token, TokenType type) {
        try {
            return tokens.verify(token, type);
        } catch (InvalidTokenException e) {
            throw ApiErrors.unauthorized();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
