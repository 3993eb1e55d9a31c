package dev.beampipe.simulators.tap;

import java.util.List;
import java.util.Optional;

/** The ADQL subset the simulator understands, as parsed by {@link Adql}. */
public record Query(List<String> select, String table, String alias, Optional<MaxJoin> join, List<Predicate> where) {

    /** {@code col LIKE 'p'}, {@code col IN ('a','b')}, {@code col = 'v'} or {@code col = 5}; column unqualified, lower case. */
    public record Predicate(String column, Op op, List<String> values) {
        public enum Op { LIKE, IN, EQ }
    }

    /**
     * {@code INNER JOIN (SELECT MAX(col) AS mx FROM t WHERE ...) AS latest ON o.col = latest.mx}: keeps the outer rows
     * whose {@code column} equals the maximum of {@code column} over the sub-query's rows.
     */
    public record MaxJoin(String table, String column, List<Predicate> where) {}
}
