package dev.mailroom.status;

public enum MailHealth {
    OK,
    WARNING,
    ERROR,
    UNKNOWN;

    /** A level the banner and the sidebar badge warn about. */
    public boolean isProblem() {
        return this == WARNING || this == ERROR;
    }
}
