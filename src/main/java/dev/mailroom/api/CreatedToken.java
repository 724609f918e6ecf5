package dev.mailroom.api;

/** A new token: {@code secret} exists here and in the admin's hands only; the database keeps its hash. */
public record CreatedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "CreatedToken[" + token.name() + ", secret=[secret]]";
    }
}
