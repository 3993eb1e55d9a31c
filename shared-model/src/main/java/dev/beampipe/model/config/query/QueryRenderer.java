package dev.beampipe.model.config.query;

import dev.beampipe.model.text.UnicodeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a TAP query template (30-project-config §3.2, §4.6): for every context key in UTF-8 byte order,
 * every literal {@code {key}} in the <em>current</em> text is replaced by the value with {@code '} doubled.
 * Replacement is sequential, so a value that contains a later key's placeholder is itself substituted;
 * placeholders that name no context key (or carry spaces, like {@code { sbid }}) stay verbatim.
 *
 * <p>Values are the §4.2 string forms. A string is trimmed of Unicode White_Space here as well (idempotent
 * for values that already are string forms); a null or blank value renders as the empty string. Our
 * decision (§10): a value containing NUL, LF or CR is refused when its placeholder occurs, because quote
 * doubling only protects inside {@code '…'} literals and a line break would let a value end an ADQL
 * comment or statement line.
 */
public final class QueryRenderer {

    private QueryRenderer() {
    }

    public static String render(String template, Map<String, String> context) {
        List<String> keys = new ArrayList<>(context.keySet());
        keys.sort(UnicodeText.UTF8_ORDER);
        String current = template;
        for (String key : keys) {
            String placeholder = "{" + key + "}";
            if (!current.contains(placeholder)) {
                continue;
            }
            String value = context.get(key);
            refuseUnsafe(key, value);
            current = current.replace(placeholder, quoteDoubled(stringForm(value)));
        }
        return current;
    }

    private static void refuseUnsafe(String key, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw new QueryRenderException(key, "contains a NUL character");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new QueryRenderException(key, "contains a line break");
        }
    }

    private static String stringForm(String value) {
        return value == null ? "" : UnicodeText.trim(value);
    }

    private static String quoteDoubled(String value) {
        return value.replace("'", "''");
    }
}
