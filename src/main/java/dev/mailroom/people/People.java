package dev.mailroom.people;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The person table, read and written in the caller's transaction. Row-level security decides which people that
 * transaction sees: the one being signed in with, the joined members of the current tenant, the operators.
 */
@Repository
public class People {

    /** A person found or made by address; whether they chose a password is all an inviter's code learns. */
    public record Named(UUID id, boolean hasPassword) {}

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person with this address, made if there is none (V19's mailroom_person_for: no other row is read). */
    public Named named(String email) {
        return jdbc.sql("select person_id, has_password from mailroom_person_for(:email, :key)")
                .param("email", email.strip())
                .param("key", EmailKey.of(email))
                .query((rs, n) -> new Named(rs.getObject("person_id", UUID.class), rs.getBoolean("has_password")))
                .single();
    }

    /** In a sign-in's lookup ({@code TenantContext.callForLogin} with the key), or as a tenant the person joined. */
    public Optional<Person> findByKey(String key) {
        return find("email_key = :key", key);
    }

    public Optional<Person> findById(UUID id) {
        return find("id = :key", id);
    }

    private Optional<Person> find(String where, Object key) {
        return jdbc.sql("select id, email, password_hash, preferred_language, sessions_valid_from from person where "
                        + where)
                .param("key", key)
                .query((rs, n) -> new Person(
                        rs.getObject("id", UUID.class),
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        rs.getString("preferred_language"),
                        rs.getTimestamp("sessions_valid_from") == null
                                ? null
                                : rs.getTimestamp("sessions_valid_from").toInstant()))
                .optional();
    }

    /** @return false when this transaction may not change the person (not a joined member of its tenant) */
    public boolean setPasswordHash(UUID person, String hash) {
        return jdbc.sql("update person set password_hash = :hash, version = version + 1 where id = :id")
                        .param("hash", hash)
                        .param("id", person)
                        .update()
                == 1;
    }

    public void setPreferredLanguage(UUID person, @Nullable String language) {
        jdbc.sql("update person set preferred_language = :language, version = version + 1 where id = :id")
                .param("language", language)
                .param("id", person)
                .update();
    }

    /** Every other mailed link of this person used up, in every tenant (V19's mailroom_retire_person_links). */
    public void retireLinks(UUID person, UUID except) {
        jdbc.sql("select mailroom_retire_person_links(:person, :except)")
                .param("person", person)
                .param("except", except)
                .query((rs, n) -> 1)
                .list();
    }
}
