package dev.mailroom.mailbox;

/**
 * A demo mailbox message opened for reading: its header block and its text. Shown as text, never as
 * HTML: what arrived is whatever a client sent.
 */
public record MailboxLetter(MailboxEntry entry, String headers, String text) {}
