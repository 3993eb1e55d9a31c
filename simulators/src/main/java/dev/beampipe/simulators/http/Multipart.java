package dev.beampipe.simulators.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough {@code multipart/form-data} parsing for form fields (FastAPI {@code Form(...)} accepts it too). */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    private Multipart() {
    }

    static void parse(String contentType, byte[] body, Map<String, String> out) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            return;
        }
        // ISO-8859-1 maps bytes 1:1 to chars, so splitting cannot corrupt multi-byte UTF-8 values
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        for (String part : text.split(Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            Matcher n = NAME.matcher(part.substring(0, headerEnd));
            if (!n.find()) {
                continue;
            }
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            out.put(n.group(1), new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }
}
