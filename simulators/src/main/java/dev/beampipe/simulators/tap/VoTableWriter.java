package dev.beampipe.simulators.tap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * VOTable 1.3 documents as CASDA and VizieR write them (40-backends §5.2, §5.12): QUERY_STATUS=OK before the TABLE,
 * OVERFLOW after it when truncated, an ERROR-only RESOURCE for errors. Nulls: empty TD in TABLEDATA; in BINARY the
 * {@code VALUES@null} sentinel for integers, NaN for doubles, a zero-length string for char, {@code ?} for boolean.
 */
public final class VoTableWriter {

    public enum Serialization { TABLEDATA, BINARY }

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<VOTABLE version=\"1.3\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n";

    private VoTableWriter() {}

    public static String error(String message) {
        return HEAD + "<RESOURCE type=\"results\">\n<INFO name=\"QUERY_STATUS\" value=\"ERROR\">" + escape(message)
                + "</INFO>\n</RESOURCE>\n</VOTABLE>\n";
    }

    public static String table(List<Column> columns, List<Object[]> rows, Serialization serialization, boolean overflow) {
        StringBuilder out = new StringBuilder(HEAD);
        out.append("<RESOURCE type=\"results\">\n<INFO name=\"QUERY_STATUS\" value=\"OK\"/>\n<TABLE>\n");
        for (Column c : columns) {
            out.append("<FIELD ID=\"").append(escape(c.name())).append("\" name=\"").append(escape(c.name()))
                    .append("\" datatype=\"").append(c.type().votable).append('"');
            if (c.type() == Column.Type.CHAR) {
                out.append(" arraysize=\"*\"");
            }
            Long sentinel = c.type().nullSentinel();
            if (sentinel != null && serialization == Serialization.BINARY) {
                out.append("><VALUES null=\"").append(sentinel).append("\"/></FIELD>\n");
            } else {
                out.append("/>\n");
            }
        }
        out.append("<DATA>\n");
        if (serialization == Serialization.TABLEDATA) {
            out.append("<TABLEDATA>\n");
            for (Object[] row : rows) {
                out.append("<TR>");
                for (Object v : row) {
                    out.append(v == null ? "<TD></TD>" : "<TD>" + escape(String.valueOf(v)) + "</TD>");
                }
                out.append("</TR>\n");
            }
            out.append("</TABLEDATA>\n");
        } else {
            out.append("<BINARY>\n<STREAM encoding=\"base64\">\n")
                    .append(Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(binary(columns, rows)))
                    .append("\n</STREAM>\n</BINARY>\n");
        }
        out.append("</DATA>\n</TABLE>\n");
        if (overflow) {
            out.append("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>\n");
        }
        return out.append("</RESOURCE>\n</VOTABLE>\n").toString();
    }

    private static byte[] binary(List<Column> columns, List<Object[]> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Object[] row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    Object v = row[i];
                    switch (columns.get(i).type()) {
                        case CHAR -> {
                            byte[] s = v == null ? new byte[0] : String.valueOf(v).getBytes(StandardCharsets.US_ASCII);
                            out.writeInt(s.length);
                            out.write(s);
                        }
                        case SHORT -> out.writeShort(v == null ? Short.MIN_VALUE : ((Number) v).shortValue());
                        case INT -> out.writeInt(v == null ? Integer.MIN_VALUE : ((Number) v).intValue());
                        case LONG -> out.writeLong(v == null ? Long.MIN_VALUE : ((Number) v).longValue());
                        case DOUBLE -> out.writeDouble(v == null ? Double.NaN : ((Number) v).doubleValue());
                        case BOOLEAN -> out.writeByte(v == null ? '?' : ((Boolean) v) ? 'T' : 'F');
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
