package dev.mailroom.smtp;

public enum AuthType {
    NONE,
    BASIC,
    OAUTH2
}
