package dev.mailroom.users;

/**
 * Who a usable link is for. {@code signIn}: an invitation for a person who already has a password, accepted by
 * signing in with it (the link sets no password then).
 */
public record PendingLink(LinkPurpose purpose, String displayName, String email, boolean signIn) {}
