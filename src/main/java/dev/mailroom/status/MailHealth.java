package dev.mailroom.status;

public enum MailHealth {
    OK,
    WARNING,
    ERROR,
    UNKNOWN
}
