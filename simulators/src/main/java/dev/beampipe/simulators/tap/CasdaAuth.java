package dev.beampipe.simulators.tap;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CASDA VO proxy's HTTP Basic auth (40-backends §5.5, §10.4). Off until {@link #require} is called (so plain
 * discovery tests need no credentials); then DataLink and the login probe answer 401 with
 * {@code WWW-Authenticate: Basic realm="ATNF OPAL Login"} unless the request carries exactly these credentials.
 */
public final class CasdaAuth {

    private volatile String expected;
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();

    /** From now on DataLink and the login probe demand {@code user}/{@code password}. */
    public CasdaAuth require(String user, String password) {
        expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public void reset() {
        expected = null;
        rejected.set(0);
        logins.set(0);
    }

    /** Requests refused with 401. */
    public int rejected() {
        return rejected.get();
    }

    /** Successful login probes. */
    public int logins() {
        return logins.get();
    }

    /** True when the request may proceed; otherwise the 401 has been sent. */
    boolean check(HttpExchange ex) throws IOException {
        String want = expected;
        if (want == null || want.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        rejected.incrementAndGet();
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ATNF OPAL Login\"");
        TapService.send(ex, 401, "text/html", "<html><body><h1>401 Unauthorized</h1></body></html>\n", false);
        return false;
    }

    /** {@code GET …/casda_vo_proxy/vo/tap/availability}: the VOSI document for the configured user, else 401. */
    void handleLogin(HttpExchange ex) throws IOException {
        if (!check(ex)) {
            return;
        }
        logins.incrementAndGet();
        TapService.send(ex, 200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<availability xmlns=\"http://www.ivoa.net/xml/VOSIAvailability/v1.0\"><available>true</available>"
                + "<upSince>2026-01-01T00:00:00Z</upSince><note/></availability>\n", false);
    }
}
