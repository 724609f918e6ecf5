package dev.mailroom.api;

/** A page number (or its size) that no list can reach: the offset it means does not fit the database's arithmetic. */
class PageOutOfRangeException extends RuntimeException {

    private final int lastPage;

    PageOutOfRangeException(int lastPage) {
        super("page beyond " + lastPage);
        this.lastPage = lastPage;
    }

    /** The last page that may be asked for at this size. */
    int lastPage() {
        return lastPage;
    }

    /**
     * The offset of this page, in rows.
     *
     * @throws PageOutOfRangeException it would not fit an int
     */
    static int offset(int page, int size) {
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw new PageOutOfRangeException(Integer.MAX_VALUE / size);
        }
        return (int) offset;
    }
}
