package dev.beampipe.simulators.tap;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.ByteArrayDataSource;

/** A minimal TAP sync client for tests: form POST, raw reply, STIL parsing. */
final class TapClient {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<byte[]> post(URI base, String form) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sync"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> query(URI base, String adql, String format) {
        return post(base, "REQUEST=doQuery&LANG=ADQL&QUERY=" + enc(adql) + (format == null ? "" : "&FORMAT=" + enc(format)));
    }

    static HttpResponse<String> control(URI uri, String method) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Every row of the VOTable, read with STIL; NaN becomes null so both encodings compare alike. */
    static List<List<Object>> rows(byte[] votable) throws IOException {
        StarTable table = new StarTableFactory(false).makeStarTable(new ByteArrayDataSource("reply", votable), "votable");
        List<List<Object>> rows = new ArrayList<>();
        try (RowSequence seq = table.getRowSequence()) {
            while (seq.next()) {
                List<Object> row = new ArrayList<>();
                for (Object cell : seq.getRow()) {
                    row.add(cell instanceof Double d && d.isNaN() || cell instanceof Float f && f.isNaN() ? null : cell);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<String> columnNames(byte[] votable) throws IOException {
        StarTable table = new StarTableFactory(false).makeStarTable(new ByteArrayDataSource("reply", votable), "votable");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < table.getColumnCount(); i++) {
            names.add(table.getColumnInfo(i).getName());
        }
        return names;
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
