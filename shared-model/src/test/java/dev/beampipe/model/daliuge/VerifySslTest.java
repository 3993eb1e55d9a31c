package dev.beampipe.model.daliuge;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code verify_ssl}: a DIM behind a self-signed certificate issued to another host name (a real HTTPS server
 * on loopback) is refused when verifying and accepted when not.
 */
class VerifySslTest {

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("dim.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "dim", "-dname", "CN=not-this-host",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/nodes", ex -> {
            byte[] body = "[\"dlg-nm1:8000:5555:6666\"]".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        base = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void verifyingRefusesTheCertificateBeforeSendingAnything() {
        IslandManagerClient strict = new IslandManagerClient(base, true, DimTimeouts.all(Duration.ofSeconds(5)),
                Clock.systemUTC());
        assertThatThrownBy(strict::nodes).isInstanceOfSatisfying(DaliugeException.class, e -> {
            assertThat(e.kind()).isEqualTo(DaliugeErrorKind.CONNECTIVITY);
            assertThat(e.ambiguous()).isFalse();
        });
    }

    @Test
    void notVerifyingAcceptsAnyCertificateAndHostName() throws Exception {
        IslandManagerClient lax = new IslandManagerClient(base, false, DimTimeouts.all(Duration.ofSeconds(5)),
                Clock.systemUTC());
        assertThat(lax.nodes()).containsExactly("dlg-nm1:8000:5555:6666");
    }
}
