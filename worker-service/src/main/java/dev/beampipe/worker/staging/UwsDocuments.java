package dev.beampipe.worker.staging;

import dev.beampipe.worker.discovery.tap.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads CASDA's UWS job and results documents (40-backends §5.7): the phase, the error summary and the
 * {@code <uws:result id=… xlink:href=…>} entries. The href is the whole URL percent-encoded once; it is decoded
 * exactly once ({@code %XX} only, a literal {@code +} stays) so a pre-signed query stays byte-exact.
 */
public final class UwsDocuments {

    static final String XLINK = "http://www.w3.org/1999/xlink";

    /** One staged file: the result id and its URL. */
    public record Result(String id, String url) {
        @Override
        public String toString() {
            return "Result[id=" + id + ", url=[REDACTED]]";
        }
    }

    private UwsDocuments() {
    }

    /** The text of the first element with local name {@code phase}, upper-case and trimmed. */
    public static String phase(byte[] job) throws IOException {
        NodeList phases = parse(job).getElementsByTagNameNS("*", "phase");
        if (phases.getLength() == 0) {
            throw new IOException("UWS job document has no phase");
        }
        return phases.item(0).getTextContent().strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** The {@code errorSummary}'s message, if any. */
    public static Optional<String> errorMessage(byte[] job) throws IOException {
        NodeList messages = parse(job).getElementsByTagNameNS("*", "message");
        for (int i = 0; i < messages.getLength(); i++) {
            String text = messages.item(i).getTextContent().strip();
            if (!text.isEmpty()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** Every {@code result} element with a non-blank {@code xlink:href}, decoded once, in document order. */
    public static List<Result> results(byte[] document) throws IOException {
        NodeList nodes = parse(document).getElementsByTagNameNS("*", "result");
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String href = e.getAttributeNS(XLINK, "href");
            if (!href.isBlank()) {
                out.add(new Result(e.getAttribute("id"), percentDecodeOnce(href.strip())));
            }
        }
        return out;
    }

    /** {@code %XX} → byte, everything else (including {@code +}) kept; UTF-8. Malformed escapes are kept as text. */
    public static String percentDecodeOnce(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static Document parse(byte[] xml) throws IOException {
        try {
            return SafeXml.builder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable UWS document: " + e.getMessage(), e);
        }
    }
}
