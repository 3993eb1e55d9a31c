package dev.beampipe.simulators.tap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Evaluates a parsed {@link Query} against a set of simulated tables. Pure apart from the tables' state. */
public final class QueryEngine {

    /** The rows of one query, plus the table and key (source / SBID) it selected, for call counting. */
    public record Result(String table, String key, List<Column> columns, List<Object[]> rows) {}

    private final Map<String, SimTable> tables;

    public QueryEngine(List<SimTable> tables) {
        this.tables = new java.util.HashMap<>();
        for (SimTable t : tables) {
            this.tables.put(t.name().toLowerCase(Locale.ROOT), t);
        }
    }

    public Result execute(String adql) {
        return execute(Adql.parse(adql));
    }

    public Result execute(Query q) {
        SimTable table = table(q.table());
        String key = table.key(q.where());
        List<Object[]> rows = filter(table, table.rows(key), q.where());
        if (q.join().isPresent()) {
            Query.MaxJoin join = q.join().get();
            SimTable inner = table(join.table());
            List<Object[]> innerRows = filter(inner, inner.rows(inner.key(join.where())), join.where());
            int innerIndex = index(inner, join.column());
            int outerIndex = index(table, join.column());
            Object max = innerRows.stream().map(r -> r[innerIndex]).filter(Objects::nonNull)
                    .max((a, b) -> compare(a, b)).orElse(null);
            rows = max == null ? List.of() : rows.stream().filter(r -> r[outerIndex] != null && compare(r[outerIndex], max) == 0).toList();
        }
        List<Column> columns;
        List<Object[]> projected;
        if (q.select().contains("*")) {
            if (q.select().size() != 1) {
                throw new AdqlException("'*' cannot be mixed with column names");
            }
            columns = table.columns();
            projected = rows;
        } else {
            int[] idx = q.select().stream().mapToInt(c -> index(table, c)).toArray();
            List<Column> cols = new ArrayList<>();
            for (int i : idx) {
                cols.add(table.columns().get(i));
            }
            columns = List.copyOf(cols);
            projected = rows.stream().map(r -> {
                Object[] out = new Object[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    out[i] = r[idx[i]];
                }
                return out;
            }).toList();
        }
        return new Result(table.name(), key, columns, projected);
    }

    private SimTable table(String name) {
        SimTable t = tables.get(name.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new AdqlException("unknown table " + name);
        }
        return t;
    }

    private static int index(SimTable table, String column) {
        List<Column> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new AdqlException("unknown column " + column + " in " + table.name());
    }

    private static List<Object[]> filter(SimTable table, List<Object[]> rows, List<Query.Predicate> where) {
        Predicate<Object[]> all = r -> true;
        for (Query.Predicate p : where) {
            int i = index(table, p.column());
            Predicate<Object[]> test = switch (p.op()) {
                case EQ -> r -> r[i] != null && text(r[i]).equals(p.values().get(0));
                case IN -> r -> r[i] != null && p.values().contains(text(r[i]));
                case LIKE -> {
                    Pattern regex = like(p.values().get(0));
                    yield r -> r[i] != null && regex.matcher(text(r[i])).matches();
                }
            };
            all = all.and(test);
        }
        return rows.stream().filter(all).toList();
    }

    /** ADQL LIKE: {@code %} any run, {@code _} one character, everything else literal and case-sensitive. */
    static Pattern like(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Values compare by their text form, so {@code sbid = '12345'} matches an int column as CASDA's does. */
    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(v);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
