package dev.beampipe.model.config.transform;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Optional;

/**
 * Patterns of the Rust {@code regex} crate run on RE2/J. Both are RE2 dialects (no look-around, no
 * back-references, leftmost-first matching), but Rust's {@code \d}, {@code \s}, {@code \w} are Unicode-aware
 * while RE2/J's are ASCII; {@link #translate} rewrites them into explicit Unicode classes.
 *
 * <p>Known gaps, all rare in survey configs: {@code \b}/{@code \B} stay ASCII word boundaries; {@code \S}
 * and {@code \W} inside a bracket class stay ASCII; Rust-only syntax (nested classes, class set operations
 * {@code &&}/{@code --}/{@code ~~}) does not compile on RE2/J and so fails the transform, like any invalid
 * pattern.
 */
final class RustRegex {

    private static final String DIGIT = "\\p{Nd}";
    private static final String NOT_DIGIT = "\\P{Nd}";
    private static final String SPACE = "\\x{9}-\\x{D}\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
            + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    // Rust's \w = Alphabetic + M + Nd + Pc + Join_Control; Alphabetic = L + Nl + Other_Alphabetic, whose
    // members outside M are the circled/parenthesised/squared Latin letters listed here.
    private static final String WORD = "\\p{L}\\p{Nl}\\p{M}\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}\\x{24B6}-\\x{24E9}"
            + "\\x{1F130}-\\x{1F149}\\x{1F150}-\\x{1F169}\\x{1F170}-\\x{1F189}";

    private RustRegex() {
    }

    /** The compiled pattern, or empty when it is invalid (an invalid pattern fails the transform). */
    static Optional<Pattern> compile(String rustPattern) {
        try {
            return Optional.of(Pattern.compile(translate(rustPattern)));
        } catch (PatternSyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String translate(String p) {
        StringBuilder out = new StringBuilder(p.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char e = p.charAt(++i);
                switch (e) {
                    case 'd' -> out.append(DIGIT);
                    case 'D' -> out.append(NOT_DIGIT);
                    case 's' -> out.append(inClass ? SPACE : "[" + SPACE + "]");
                    case 'S' -> out.append(inClass ? "\\S" : "[^" + SPACE + "]");
                    case 'w' -> out.append(inClass ? WORD : "[" + WORD + "]");
                    case 'W' -> out.append(inClass ? "\\W" : "[^" + WORD + "]");
                    default -> out.append(c).append(e);
                }
            } else if (!inClass && c == '[') {
                inClass = true;
                out.append(c);
                // a leading ^ and then a leading ] are part of the class, not its end
                if (i + 1 < p.length() && p.charAt(i + 1) == '^') {
                    out.append(p.charAt(++i));
                }
                if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
                    out.append(p.charAt(++i));
                }
            } else if (inClass && c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                int end = close < 0 ? p.length() : close + 2;
                out.append(p, i, end);
                i = end - 1;
            } else {
                if (inClass && c == ']') {
                    inClass = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
