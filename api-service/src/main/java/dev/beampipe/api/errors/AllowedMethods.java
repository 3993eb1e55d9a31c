package dev.beampipe.api.errors;

import dev.beampipe.api.auth.Public;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routed operations: the {@code Allow} header of a 405 (20-api §1.1) and which operations are public. Quarkus REST raises {@code NotAllowedException} without
 * it, so the routed methods per path template are collected once from the resource classes.
 */
@ApplicationScoped
public class AllowedMethods {
    private static final Pattern PARAM = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private volatile List<Route> routes;

    record Route(Pattern path, String method, boolean open) {
    }

    /** e.g. {@code GET, HEAD} for a GET-only path; empty when no resource serves the path. */
    public Optional<String> header(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
                if (route.method().equals(HttpMethod.GET)) {
                    methods.add(HttpMethod.HEAD);
                }
            }
        }
        return methods.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", methods));
    }

    /**
     * Whether {@code method path} is a routed operation that needs no bearer token: empty when no operation
     * matches (the request ends as 404 or 405 without authentication, like the reference's router).
     */
    public Optional<Boolean> isPublic(String method, String path) {
        String verb = method.equals(HttpMethod.HEAD) ? HttpMethod.GET : method;
        Boolean open = null;
        for (Route route : routes()) {
            if (route.method().equals(verb) && route.path().matcher(path).matches()) {
                open = (open == null || open) && route.open();
            }
        }
        return Optional.ofNullable(open);
    }

    private List<Route> routes() {
        if (routes == null) {
            List<Route> all = new ArrayList<>();
            for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path root = bean.getBeanClass().getAnnotation(Path.class);
                if (root != null) {
                    collect(bean.getBeanClass(), root.value(), all);
                }
            }
            routes = List.copyOf(all);
        }
        return routes;
    }

    static void collect(Class<?> resource, String root, List<Route> into) {
        for (Method method : resource.getMethods()) {
            String verb = verb(method);
            if (verb != null) {
                Path sub = method.getAnnotation(Path.class);
                boolean open = resource.isAnnotationPresent(Public.class) || method.isAnnotationPresent(Public.class);
                into.add(new Route(template(join(root, sub == null ? "" : sub.value())), verb, open));
            }
        }
    }

    private static String verb(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    static String join(String root, String sub) {
        String path = "/" + root + "/" + sub;
        path = path.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** A JAX-RS path template as a regex: {@code {name}} is one segment, {@code {name: re}} is {@code re}. */
    static Pattern template(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append('(').append(m.group(1) == null ? "[^/]+" : m.group(1).trim()).append(')');
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
