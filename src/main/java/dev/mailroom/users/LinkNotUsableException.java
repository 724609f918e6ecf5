package dev.mailroom.users;

/** The link does not exist, was used, was replaced by a newer one, or expired: the same answer for all. */
public class LinkNotUsableException extends RuntimeException {
    public LinkNotUsableException() {
        super("link not usable");
    }
}
