package dev.mailroom.users;

/** A tenant member's role. Platform operators are not tenant members and have no role here. */
public enum Role {
    ADMIN,
    USER
}
