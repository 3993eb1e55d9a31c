package dev.beampipe.model.db;

import io.vertx.pgclient.PgConnectOptions;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A PostgreSQL location in the reference's {@code DATABASE_URL} form
 * ({@code postgres://user:password@host:port/database?sslmode=...}), convertible to the reactive
 * client's options and to a JDBC URL (Flyway). {@link #toString()} never shows the password.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String text = url.trim();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)");
        }
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://, got scheme '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String user = "postgres";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            if (parts.length == 2) {
                password = decode(parts[1]);
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? decode(path.substring(1)) : decode(path);
        if (database.isEmpty()) {
            database = user;
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                params.put(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
            }
        }
        if (params.containsKey("user")) {
            user = params.remove("user");
        }
        if (params.containsKey("password")) {
            password = params.remove("password");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        return new DatabaseUrl(uri.getHost(), port, database, user, password, params);
    }

    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password, parameters);
    }

    /** The URL with the password, for handing to a child process; never log it. */
    public String toUrlWithSecret() {
        StringBuilder sb = new StringBuilder("postgres://").append(encode(user));
        if (password != null) {
            sb.append(':').append(encode(password));
        }
        sb.append('@').append(host).append(':').append(port).append('/').append(encode(database));
        if (!parameters.isEmpty()) {
            sb.append('?').append(parameters.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&")));
        }
        return sb.toString();
    }

    public String toJdbcUrl() {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(encode(database));
        String sslmode = parameters.get("sslmode");
        if (sslmode != null) {
            sb.append("?sslmode=").append(encode(sslmode));
        }
        return sb.toString();
    }

    public PgConnectOptions toConnectOptions() {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(host)
                .setPort(port)
                .setDatabase(database)
                .setUser(user)
                .setConnectTimeout(10_000)
                .setReconnectAttempts(0);
        if (password != null) {
            options.setPassword(password);
        }
        String sslmode = parameters.get("sslmode");
        if (sslmode != null) {
            options.setSslMode(io.vertx.pgclient.SslMode.of(sslmode));
            if (!"disable".equals(sslmode) && !"allow".equals(sslmode) && !"prefer".equals(sslmode)) {
                options.setTrustAll("require".equals(sslmode));
            }
        }
        String appName = parameters.get("application_name");
        if (appName != null) {
            options.addProperty("application_name", appName);
        }
        return options;
    }

    @Override
    public String toString() {
        return "postgres://" + user + (password != null ? ":[REDACTED]" : "") + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
