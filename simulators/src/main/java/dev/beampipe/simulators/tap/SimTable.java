package dev.beampipe.simulators.tap;

import java.util.List;

/**
 * A simulated table. Its rows are generated on demand from the key the query constrains (a source name, an SBID),
 * because the simulated archive holds every HIPASS source there could be.
 */
public interface SimTable {

    String name();

    List<Column> columns();

    /** The key (source identifier, HIPASS name, SBID) the predicates select; an {@link AdqlException} when none. */
    String key(List<Query.Predicate> where);

    /** Every row for {@code key}, in column order; the caller applies the predicates. */
    List<Object[]> rows(String key);
}
