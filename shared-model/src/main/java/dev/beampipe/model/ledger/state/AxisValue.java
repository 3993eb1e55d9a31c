package dev.beampipe.model.ledger.state;

/** A value of one of the ledger's text columns: {@link #wire()} is the exact text stored in the database. */
public interface AxisValue {
    String wire();

    /** Exact (case-sensitive) match of stored text; unknown text and NULL read as {@code fallback} (10-state §2.4). */
    static <E extends Enum<E> & AxisValue> E parse(Class<E> type, String text, E fallback) {
        if (text != null) {
            for (E value : type.getEnumConstants()) {
                if (value.wire().equals(text)) {
                    return value;
                }
            }
        }
        return fallback;
    }
}
