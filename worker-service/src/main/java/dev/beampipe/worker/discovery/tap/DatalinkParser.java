package dev.beampipe.worker.discovery.tap;

import uk.ac.starlink.votable.VOElement;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses a CASDA DataLink VOTable (40-backends §5.6) with {@link VotableReader}: rows by column name (any
 * serialization or prefix), service descriptors from the {@code RESOURCE ID=…} elements' first non-blank
 * {@code PARAM name="accessURL"}. Error rows (HTTP 200, {@code #error}) are returned as rows, not thrown.
 */
public final class DatalinkParser {

    private DatalinkParser() {
    }

    public static DatalinkResult parse(byte[] xml) throws TapQueryException {
        VOElement root = VotableReader.parse(xml);
        VotableTable table = VotableReader.read(root);
        List<DatalinkLink> links = new ArrayList<>();
        for (Map<String, String> row : table.rows()) {
            links.add(new DatalinkLink(cell(row, "ID"), cell(row, "access_url"), cell(row, "service_def"),
                    cell(row, "error_message"), cell(row, "description"), cell(row, "semantics"),
                    cell(row, "content_type"), length(cell(row, "content_length")),
                    cell(row, "authenticated_id_token")));
        }
        return new DatalinkResult(links, services(root));
    }

    private static Map<String, String> services(VOElement root) {
        Map<String, String> services = new LinkedHashMap<>();
        NodeList resources = root.getElementsByVOTagName("RESOURCE");
        for (int i = 0; i < resources.getLength(); i++) {
            VOElement resource = (VOElement) resources.item(i);
            String id = resource.getAttribute("ID");
            if (id.isBlank() || services.containsKey(id)) {
                continue;
            }
            for (VOElement param : resource.getChildrenByName("PARAM")) {
                String value = param.getAttribute("value");
                if ("accessURL".equals(param.getAttribute("name")) && !value.isBlank()) {
                    services.put(id, value.strip());
                    break;
                }
            }
        }
        return services;
    }

    private static String cell(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null ? "" : value.strip();
    }

    private static OptionalLong length(String text) {
        try {
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
