package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.config.BindAddressConfigSource.HostPort;

import java.util.Map;

/**
 * Where {@code beampipe start} binds the API: {@code 127.0.0.1:8080} by default; {@code BEAMPIPE_BIND_ADDR}
 * overrides both, {@code --port} overrides the port.
 */
public record ApiAddress(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public static ApiAddress resolve(Integer portFlag, Map<String, String> env) {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        String bind = env.get("BEAMPIPE_BIND_ADDR");
        if (bind != null && !bind.isBlank()) {
            try {
                HostPort hp = HostPort.parse("BEAMPIPE_BIND_ADDR", bind.trim());
                host = hp.host();
                port = hp.port();
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        if (portFlag != null) {
            port = portFlag;
        }
        if (port < 1 || port > 65535) {
            throw new CliException("the API port must be between 1 and 65535 (got " + port + ")");
        }
        return new ApiAddress(host, port);
    }

    /** The value handed to api-service as {@code BEAMPIPE_BIND_ADDR}. */
    public String bindValue() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The host a local client uses: a wildcard bind is reached over loopback. */
    public String clientHost() {
        return switch (host) {
            case "0.0.0.0", "::", "0:0:0:0:0:0:0:0" -> DEFAULT_HOST;
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
    }

    /** e.g. {@code http://127.0.0.1:8080/api/v2}. */
    public String apiUrl() {
        return "http://" + clientHost() + ":" + port + "/api/v2";
    }
}
