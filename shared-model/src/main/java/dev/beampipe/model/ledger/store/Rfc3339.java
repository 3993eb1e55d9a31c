package dev.beampipe.model.ledger.store;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one timestamp text the ledger writes into JSON and messages: RFC 3339 UTC with {@code Z}, seconds always present
 * and 0/3/6/9 fractional digits as the value needs ({@link DateTimeFormatter#ISO_INSTANT}; the API's convention,
 * 20-api §1). {@code OffsetDateTime.toString()} drops zero seconds ({@code …T10:30Z}), which is not RFC 3339.
 * The run record's {@code dim.*} timestamps keep their fixed milliseconds (40-backends §3.8, {@code RunRecordMerge}).
 */
public final class Rfc3339 {
    private Rfc3339() {
    }

    public static String utc(OffsetDateTime t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.toInstant());
    }
}
