package dev.mailroom.users;

public class LastAdminException extends RuntimeException {

    public LastAdminException() {
        super("A tenant keeps at least one admin");
    }
}
