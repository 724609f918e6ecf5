package dev.mailroom.mail;

/** A plain-text message to one recipient, from the target's sender. */
public record OutgoingMail(String to, String subject, String body) {
}
