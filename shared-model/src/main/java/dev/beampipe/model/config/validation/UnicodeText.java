package dev.beampipe.model.config.validation;

/** Blankness with Unicode White_Space, as Rust's {@code str::trim} (Java's strip/trim differ). */
public final class UnicodeText {

    private UnicodeText() {
    }

    public static boolean isWhiteSpace(int c) {
        return c >= 0x09 && c <= 0x0D || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(UnicodeText::isWhiteSpace);
    }
}
