package dev.beampipe.worker.discovery.tap;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.votable.TableElement;
import uk.ac.starlink.votable.VOElement;
import uk.ac.starlink.votable.VOElementFactory;
import uk.ac.starlink.votable.VOStarTable;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a TAP/DataLink VOTable with STIL (40-backends §5.13): TABLEDATA, BINARY and BINARY2, any VOTable
 * namespace or prefix. The XML is parsed here with external entities and DTDs refused (archive responses
 * are untrusted), then handed to STIL as a DOM. {@code QUERY_STATUS=ERROR} anywhere in the document →
 * {@link TapQueryException} carrying the INFO's text (decision 7: an error even under HTTP 200).
 */
public final class VotableReader {

    private VotableReader() {
    }

    public static VotableTable read(byte[] xml) throws TapQueryException {
        return read(parse(xml));
    }

    static VotableTable read(VOElement root) throws TapQueryException {
        String status = null;
        NodeList infos = root.getElementsByVOTagName("INFO");
        for (int i = 0; i < infos.getLength(); i++) {
            VOElement info = (VOElement) infos.item(i);
            if ("QUERY_STATUS".equals(info.getAttribute("name"))) {
                String value = info.getAttribute("value").trim();
                if ("ERROR".equalsIgnoreCase(value)) {
                    throw new TapQueryException("TAP query failed: " + errorText(info));
                }
                if (status == null || "OVERFLOW".equalsIgnoreCase(value)) {
                    status = value;
                }
            }
        }
        NodeList tables = root.getElementsByVOTagName("TABLE");
        if (tables.getLength() == 0) {
            return new VotableTable(List.of(), List.of(), status);
        }
        return readTable((TableElement) tables.item(0), status);
    }

    private static VotableTable readTable(TableElement table, String status) throws TapQueryException {
        try {
            StarTable star = new VOStarTable(table);
            int n = star.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                columns.add(star.getColumnInfo(c).getName());
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (RowSequence seq = star.getRowSequence()) {
                while (seq.next()) {
                    Object[] cells = seq.getRow();
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int c = 0; c < n; c++) {
                        row.put(columns.get(c), CellText.of(cells[c]));
                    }
                    rows.add(row);
                }
            }
            return new VotableTable(columns, rows, status);
        } catch (IOException | RuntimeException e) {
            throw new TapQueryException("unreadable VOTable table data: " + e.getMessage(), e);
        }
    }

    private static String errorText(VOElement info) {
        String text = info.getTextContent() == null ? "" : info.getTextContent().strip();
        return text.isEmpty() ? "QUERY_STATUS=ERROR without a message" : text;
    }

    static VOElement parse(byte[] xml) throws TapQueryException {
        Document doc;
        try {
            doc = SafeXml.builder().parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new TapQueryException("response is not well-formed XML: " + e.getMessage(), e);
        }
        Node top = doc.getDocumentElement();
        String local = top.getLocalName() != null ? top.getLocalName() : top.getNodeName();
        if (!"VOTABLE".equals(local)) {
            throw new TapQueryException("response is not a VOTable (root element " + top.getNodeName() + ")");
        }
        return new VOElementFactory(StoragePolicy.PREFER_MEMORY).makeVOElement(doc, null);
    }
}
