package dev.beampipe.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that needs no bearer token (20-api §2.12: health, TAP health, readiness, login,
 * refresh, logout). Everything else under {@code /api/v2} requires an authenticated user.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {
}
