package dev.beampipe.api.paging;

/**
 * The limit/offset style of 20-api §1.6: the limit clamped to 1..500 (absent = the endpoint's default), the offset
 * floored at 0.
 */
public record LimitOffset(int limit, int offset) {
    public static final int MAX_LIMIT = 500;

    public static LimitOffset of(Long limit, Long offset, int defaultLimit) {
        long l = limit == null ? defaultLimit : Math.max(1, Math.min(MAX_LIMIT, limit));
        long o = offset == null ? 0 : Math.max(0, Math.min(Integer.MAX_VALUE, offset));
        return new LimitOffset((int) l, (int) o);
    }
}
