package dev.beampipe.simulators.tap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recursive-descent parser for the small ADQL subset the project configs send (40-backends §5.4):
 * <pre>
 * SELECT (* | a.* | col, ...) FROM table [[AS] alias]
 *   [INNER JOIN ( SELECT MAX(col) AS m FROM table WHERE cond ) [AS] name ON x.col = name.m]
 *   [WHERE cond]
 * cond := pred (AND pred)*     pred := col LIKE 'p' | col IN ('a', ...) | col = 'v' | col = number
 * </pre>
 * Anything else (OR, functions, ORDER BY, TOP, ...) is an {@link AdqlException}.
 */
public final class Adql {

    private enum Kind { WORD, QUOTED_ID, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text) {}

    private final List<Token> tokens;
    private int pos;

    private Adql(String text) {
        this.tokens = tokenize(text);
    }

    public static Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AdqlException("empty query");
        }
        Adql parser = new Adql(text);
        Query query = parser.select();
        parser.expect(Kind.END, null);
        return query;
    }

    private Query select() {
        keyword("SELECT");
        List<String> columns = new ArrayList<>();
        do {
            columns.add(selectItem());
        } while (symbol(","));
        keyword("FROM");
        String table = tableName();
        String alias = optionalAlias();
        Optional<Query.MaxJoin> join = Optional.empty();
        if (isKeyword("INNER") || isKeyword("JOIN")) {
            join = Optional.of(maxJoin(alias));
        }
        List<Query.Predicate> where = List.of();
        if (isKeyword("WHERE")) {
            keyword("WHERE");
            where = condition();
        }
        return new Query(List.copyOf(columns), table, alias, join, where);
    }

    private String selectItem() {
        if (symbol("*")) {
            return "*";
        }
        String first = word();
        if (symbol(".")) {
            if (symbol("*")) {
                return "*";
            }
            return word().toLowerCase(Locale.ROOT);
        }
        return first.toLowerCase(Locale.ROOT);
    }

    private Query.MaxJoin maxJoin(String outerAlias) {
        if (isKeyword("INNER")) {
            keyword("INNER");
        }
        keyword("JOIN");
        expectSymbol("(");
        keyword("SELECT");
        keyword("MAX");
        expectSymbol("(");
        String column = columnRef();
        expectSymbol(")");
        keyword("AS");
        String maxName = word().toLowerCase(Locale.ROOT);
        keyword("FROM");
        String table = tableName();
        keyword("WHERE");
        List<Query.Predicate> where = condition();
        expectSymbol(")");
        String joinAlias = optionalAlias();
        if (joinAlias == null) {
            throw new AdqlException("the MAX sub-query needs an alias");
        }
        keyword("ON");
        List<String> left = qualified();
        expectSymbol("=");
        List<String> right = qualified();
        boolean ok = matches(left, outerAlias, column) && matches(right, joinAlias, maxName)
                || matches(right, outerAlias, column) && matches(left, joinAlias, maxName);
        if (!ok) {
            throw new AdqlException("only ON <outer>." + column + " = " + joinAlias + "." + maxName + " is supported");
        }
        return new Query.MaxJoin(table, column, where);
    }

    private static boolean matches(List<String> ref, String alias, String column) {
        return ref.size() == 2 && ref.get(0).equalsIgnoreCase(alias == null ? "" : alias) && ref.get(1).equals(column);
    }

    private List<String> qualified() {
        String a = word();
        if (symbol(".")) {
            return List.of(a, word().toLowerCase(Locale.ROOT));
        }
        return List.of(a.toLowerCase(Locale.ROOT));
    }

    private List<Query.Predicate> condition() {
        List<Query.Predicate> predicates = new ArrayList<>();
        predicates.add(predicate());
        while (isKeyword("AND")) {
            keyword("AND");
            predicates.add(predicate());
        }
        if (isKeyword("OR")) {
            throw new AdqlException("OR is not supported");
        }
        return List.copyOf(predicates);
    }

    private Query.Predicate predicate() {
        String column = columnRef();
        if (isKeyword("LIKE")) {
            keyword("LIKE");
            return new Query.Predicate(column, Query.Predicate.Op.LIKE, List.of(string()));
        }
        if (isKeyword("IN")) {
            keyword("IN");
            expectSymbol("(");
            List<String> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (symbol(","));
            expectSymbol(")");
            return new Query.Predicate(column, Query.Predicate.Op.IN, List.copyOf(values));
        }
        if (symbol("=")) {
            return new Query.Predicate(column, Query.Predicate.Op.EQ, List.of(literal()));
        }
        throw new AdqlException("unsupported predicate on " + column + " near '" + peek().text() + "'");
    }

    private String columnRef() {
        String name = word();
        if (symbol(".")) {
            name = word();
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private String literal() {
        Token t = peek();
        if (t.kind() == Kind.STRING || t.kind() == Kind.NUMBER) {
            pos++;
            return t.text();
        }
        throw new AdqlException("expected a literal near '" + t.text() + "'");
    }

    private String string() {
        return expect(Kind.STRING, null).text();
    }

    private String tableName() {
        Token t = peek();
        if (t.kind() == Kind.QUOTED_ID) {
            pos++;
            return t.text();
        }
        StringBuilder name = new StringBuilder(word());
        while (symbol(".")) {
            name.append('.').append(word());
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private String optionalAlias() {
        if (isKeyword("AS")) {
            keyword("AS");
            return word();
        }
        Token t = peek();
        if (t.kind() == Kind.WORD && !isReserved(t.text())) {
            pos++;
            return t.text();
        }
        return null;
    }

    private static boolean isReserved(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "WHERE", "INNER", "JOIN", "ON", "AND", "OR", "ORDER", "GROUP", "LEFT", "RIGHT", "OUTER", "NATURAL",
                 "CROSS", "FULL", "HAVING", "UNION" -> true;
            default -> false;
        };
    }

    private String word() {
        Token t = peek();
        if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_ID) {
            pos++;
            return t.text();
        }
        throw new AdqlException("expected a name near '" + t.text() + "'");
    }

    private boolean isKeyword(String keyword) {
        Token t = peek();
        return t.kind() == Kind.WORD && t.text().equalsIgnoreCase(keyword);
    }

    private void keyword(String keyword) {
        if (!isKeyword(keyword)) {
            throw new AdqlException("expected " + keyword + " near '" + peek().text() + "'");
        }
        pos++;
    }

    private boolean symbol(String s) {
        Token t = peek();
        if (t.kind() == Kind.SYMBOL && t.text().equals(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String s) {
        if (!symbol(s)) {
            throw new AdqlException("expected '" + s + "' near '" + peek().text() + "'");
        }
    }

    private Token expect(Kind kind, String text) {
        Token t = peek();
        if (t.kind() != kind || (text != null && !text.equals(t.text()))) {
            throw new AdqlException("unexpected '" + t.text() + "'");
        }
        pos++;
        return t;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new AdqlException("unterminated " + (c == '"' ? "identifier" : "string"));
                    }
                    char d = s.charAt(j);
                    if (d == c) {
                        if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                            sb.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(new Token(c == '"' ? Kind.QUOTED_ID : Kind.STRING, sb.toString()));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if ("(),=*.".indexOf(c) >= 0) {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            } else {
                throw new AdqlException("unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "<end of query>"));
        return out;
    }
}
