package dev.mailroom.users;

/** Also what an admin gets for another tenant's user: that user does not exist for them. */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException() {
        super("No such user in this tenant");
    }
}
