package dev.beampipe.simulators.tap;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CASDA DataLink ({@code {root}/casda/datalink/links?ID=<id>}, GET or POST; 40-backends §5.6) as an authorised
 * user sees it: {@code #this} web and Pawsey download rows, {@code async_service} and {@code pawsey_async_service}
 * rows carrying the authenticated id token, and the service-descriptor RESOURCEs. Errors are {@code #error} rows in
 * an HTTP 200 reply. Basic auth when {@link CasdaAuth} demands it. Shares the CASDA service's faults ({@code errorFor(id)} → a permission fault row).
 */
final class DataLink {

    private static final Pattern ID = Pattern.compile("(scan-\\d+-\\d+|visibility-\\d+|evaluation-\\d+|cube-\\d+)");
    private static final String[][] FIELDS = {
            {"ID", "ID", "char"}, {"access_url", "access_url", "char"}, {"service_def", "service_def", "char"},
            {"error_message", "error_message", "char"}, {"description", "description", "char"},
            {"semantics", "semantics", "char"}, {"content_type", "content_type", "char"},
            {"content_length", "content_length", "long"}, {"authenticated_id_token", "authenticatedIdToken", "char"}};

    private final TapService casda;
    private final CasdaAuth auth;
    private final SodaStaging soda;

    DataLink(TapService casda, CasdaAuth auth, SodaStaging soda) {
        this.casda = casda;
        this.auth = auth;
        this.soda = soda;
    }

    void handle(HttpExchange ex, String root) throws IOException {
        if (!auth.check(ex)) {
            return;
        }
        TapService.sleep(casda.faults().delayMillis());
        int failure = casda.faults().drawFailure();
        if (failure != 0) {
            TapService.send(ex, failure, "text/plain", "simulated " + failure + "\n", false);
            return;
        }
        Map<String, String> params = TapService.params(ex);
        String id = params.getOrDefault("id", "");
        casda.countDataLink(id);
        String async = root + "/casda/casda_data_access/data/async";
        List<String[]> rows = new ArrayList<>();
        if (!ID.matcher(id).matches()) {
            rows.add(error(id, id.isBlank() ? "UsageFault: Invalid id " + id : "NotFoundFault: " + id + " cannot be found"));
        } else if (casda.faults().isErrorSource(id)) {
            rows.add(error(id, "DefaultFault: Sorry, but you do not have permission to access this data product"));
        } else {
            String token = token(id);
            soda.remember(token, id);
            String size = String.valueOf(40_000_000_000L + Math.abs(id.hashCode() % 1_000_000));
            rows.add(new String[] {id, "https://casda.csiro.au/casda_data_access/data/sync?id=" + token, "", "",
                    "Download data product via web", "#this", "application/x-tar", size, ""});
            rows.add(new String[] {id, "https://casda.csiro.au/casda_data_access/data/sync/pawsey?id=" + token, "", "",
                    "Download data product via Pawsey", "#this", "application/x-tar", size, ""});
            rows.add(new String[] {id, "", "async_service", "", "Scripted file access via Web", "#this", "", "", token});
            rows.add(new String[] {id, "", "pawsey_async_service", "", "Scripted file access via Pawsey", "#this", "", "", token});
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.3\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE name=\"CASDA Datalink Result\" type=\"results\">\n<TABLE>\n");
        for (String[] f : FIELDS) {
            xml.append("<FIELD name=\"").append(f[0]).append("\" ID=\"").append(f[1]).append("\" datatype=\"").append(f[2])
                    .append('"').append(f[2].equals("char") ? " arraysize=\"*\"" : " unit=\"byte\"").append("/>\n");
        }
        xml.append("<DATA>\n<TABLEDATA>\n");
        for (String[] row : rows) {
            xml.append("<TR>");
            for (String cell : row) {
                xml.append("<TD>").append(VoTableWriter.escape(cell)).append("</TD>");
            }
            xml.append("</TR>\n");
        }
        xml.append("</TABLEDATA>\n</DATA>\n</TABLE>\n</RESOURCE>\n");
        for (String service : List.of("async_service", "pawsey_async_service")) {
            xml.append("<RESOURCE ID=\"").append(service).append("\" utype=\"adhoc:service\" type=\"meta\">\n")
                    .append("<PARAM name=\"standardID\" datatype=\"char\" arraysize=\"*\" value=\"ivo://ivoa.net/std/SODA#async-1.0\"/>\n")
                    .append("<PARAM name=\"accessURL\" datatype=\"char\" arraysize=\"*\" value=\"").append(async).append("\"/>\n")
                    .append("<GROUP name=\"inputParams\">\n<PARAM name=\"ID\" datatype=\"char\" arraysize=\"*\" value=\"\""
                            + " ref=\"authenticatedIdToken\"/>\n</GROUP>\n</RESOURCE>\n");
        }
        casda.sendVo(ex, 200, xml.append("</VOTABLE>\n").toString());
    }

    private static String[] error(String id, String message) {
        return new String[] {id, "", "", message, "", "#error", "", "", ""};
    }

    /** A deterministic opaque token for an id. */
    static String token(String id) {
        return HexFormat.of().formatHex(WallabyArchive.hash("token:" + id), 0, 16);
    }
}
