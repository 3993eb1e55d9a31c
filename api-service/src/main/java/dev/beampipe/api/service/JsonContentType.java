package dev.beampipe.api.service;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JSON bodies may be sent as {@code application/json} or any {@code application/*+json} (20-api §1.3).
 * JAX-RS cannot match a suffix wildcard, so the suffixed types are presented to it as
 * {@code application/json}, parameters (charset) kept.
 */
@ApplicationScoped
public class JsonContentType {
    private static final Pattern SUFFIXED = Pattern.compile("application/[^/;\\s]+\\+json");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String type = ctx.request().getHeader("content-type");
            if (type != null) {
                String normalised = normalise(type);
                if (!normalised.equals(type)) {
                    ctx.request().headers().set("content-type", normalised);
                }
            }
            ctx.next();
        });
    }

    static String normalise(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (!SUFFIXED.matcher(mediaType.toLowerCase(Locale.ROOT)).matches()) {
            return contentType;
        }
        return "application/json" + (semicolon < 0 ? "" : contentType.substring(semicolon));
    }
}
