package dev.beampipe.api.errors;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.function.Function;

/**
 * Parses path and query parameters like the reference (20-api §1.1, §1.3): a UUID path segment that does not
 * parse is {@code 400 Invalid URL}, a query value of the wrong type is {@code 400 Failed to deserialize query
 * string}, and booleans accept only {@code true}/{@code false}. JAX-RS would answer 404 or coerce silently.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String where = where(annotations);
        if (where == null) {
            return null;
        }
        if (rawType.isPrimitive()) {
            // an absent primitive reaches the converter as "0", indistinguishable from a sent "0"
            throw new IllegalStateException("declare the " + where + " parameter with a wrapper type, not " + rawType);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(where, "a UUID", StrictParamConverters::uuid, UUID::toString);
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(where, "`true` or `false`", StrictParamConverters::bool, String::valueOf);
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(where, "an integer", Integer::valueOf, String::valueOf);
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) converter(where, "an integer", Long::valueOf, String::valueOf);
        }
        return null;
    }

    private static String where(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof PathParam p) {
                return "path:" + p.value();
            }
            if (a instanceof QueryParam q) {
                return "query:" + q.value();
            }
        }
        return null;
    }

    /** UUID.fromString also takes short forms such as "1-1-1-1-1"; the reference does not. */
    private static UUID uuid(String value) {
        if (value.length() != 36) {
            throw new IllegalArgumentException(value);
        }
        return UUID.fromString(value);
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static <T> ParamConverter<T> converter(String where, String expected, Function<String, T> parse,
                                                   Function<T, String> format) {
        boolean path = where.startsWith("path:");
        String name = where.substring(where.indexOf(':') + 1);
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException(path
                            ? "Invalid URL: `" + name + "` must be " + expected
                            : "Failed to deserialize query string: `" + name + "` must be " + expected);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : format.apply(value);
            }
        };
    }
}
