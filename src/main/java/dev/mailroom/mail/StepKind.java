package dev.mailroom.mail;

/** The steps of an SMTP conversation, in the order they happen. */
public enum StepKind {
    RESOLVE,
    TCP_CONNECT,
    TOKEN,
    TLS_HANDSHAKE,
    EHLO,
    AUTH,
    SEND,
    QUIT
}
