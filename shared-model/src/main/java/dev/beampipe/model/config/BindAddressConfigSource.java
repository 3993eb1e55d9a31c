package dev.beampipe.model.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps a reference-style {@code host:port} bind variable (e.g. {@code BEAMPIPE_BIND_ADDR},
 * {@code BEAMPIPE_METRICS_BIND_ADDR}) onto Quarkus host/port properties. Ordinal 275: above
 * application.properties, below explicit {@code QUARKUS_*} environment variables.
 */
public abstract class BindAddressConfigSource implements ConfigSource {
    private final Map<String, String> properties;
    private final String name;

    protected BindAddressConfigSource(String envName, String hostProperty, String portProperty) {
        this.name = "beampipe-bind:" + envName;
        Map<String, String> p = new HashMap<>();
        String value = System.getenv(envName);
        if (value != null && !value.isBlank()) {
            HostPort hp = HostPort.parse(envName, value.trim());
            p.put(hostProperty, hp.host());
            p.put(portProperty, Integer.toString(hp.port()));
        }
        this.properties = Map.copyOf(p);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    /** {@code host:port}, {@code [v6]:port} or {@code :port}. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String envName, String value) {
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(envName + " must look like host:port (got '" + value + "')");
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                host = "0.0.0.0";
            }
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(envName + " has an invalid port (got '" + value + "')");
            }
        }
    }
}
