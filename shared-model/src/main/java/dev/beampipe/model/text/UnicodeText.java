package dev.beampipe.model.text;

import java.util.Comparator;

/**
 * Text helpers that must match the reference's Rust string semantics rather than Java's defaults.
 */
public final class UnicodeText {

    /**
     * Orders strings by their UTF-8 bytes, which equals code point order. {@link String#compareTo} compares
     * UTF-16 units and differs for supplementary characters against U+E000..U+FFFF.
     */
    public static final Comparator<String> UTF8_ORDER = UnicodeText::compareUtf8;

    private UnicodeText() {
    }

    /** The Unicode {@code White_Space} property (Rust's {@code char::is_whitespace}). */
    public static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** Rust's {@code str::trim}: strips leading and trailing Unicode White_Space ({@code strip()} misses some). */
    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isWhiteSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isWhiteSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    public static boolean isBlank(String s) {
        return s == null || trim(s).isEmpty();
    }

    public static int compareUtf8(String a, String b) {
        return dev.beampipe.model.canonical.Utf8Order.compare(a, b);
    }
}
