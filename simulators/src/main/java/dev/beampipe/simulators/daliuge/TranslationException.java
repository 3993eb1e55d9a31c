package dev.beampipe.simulators.daliuge;

/**
 * A translation failure. With {@code detail} the TM answers {@code {"detail": detail}} with {@code status};
 * without, it answers the bare {@code Internal Server Error} text of an untrapped exception (§2.2).
 */
final class TranslationException extends RuntimeException {

    final int status;
    final String detail;

    private TranslationException(int status, String detail, String log) {
        super(log);
        this.status = status;
        this.detail = detail;
    }

    static TranslationException detail(int status, String detail) {
        return new TranslationException(status, detail, detail);
    }

    /** An exception the real TM does not trap (GraphException, KeyError, IndexError, ...). */
    static TranslationException untrapped(String why) {
        return new TranslationException(500, null, why);
    }
}
