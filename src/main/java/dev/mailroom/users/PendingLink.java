package dev.mailroom.users;

/** A usable link, as the page that follows it greets its user. */
public record PendingLink(LinkPurpose purpose, String displayName, String email) {}
