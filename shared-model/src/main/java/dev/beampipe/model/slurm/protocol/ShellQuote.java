package dev.beampipe.model.slurm.protocol;

import java.util.List;
import java.util.stream.Collectors;

/** Shell quoting for the commands sent to a login node (40-backends §4.4, §4.5). */
public final class ShellQuote {
    private ShellQuote() {
    }

    /**
     * §4.5 rule: empty → {@code ''}; only {@code [A-Za-z0-9/._-:]} → bare; anything else wrapped in single quotes
     * with {@code '} written as {@code '\''}.
     */
    public static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (isBare(s)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Always single-quoted, {@code '} written as {@code '"'"'} (the upload functions' form, §4.4). */
    public static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** Each element quoted with {@link #quote}, joined by single spaces. */
    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    private static boolean isBare(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '.' || c == '_' || c == '-' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
