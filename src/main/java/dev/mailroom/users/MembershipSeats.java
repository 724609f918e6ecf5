package dev.mailroom.users;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A person's usable memberships as seats, in one query with their tenants' names, for the sign-in's lookup (whose
 * scope lets it see them): enabled memberships of tenants that are not suspended, the one used last first.
 */
@Repository
class MembershipSeats {

    /** @param invited not accepted yet: an invitation rather than a seat */
    record Row(Seat seat, boolean invited) {}

    private final JdbcClient jdbc;

    MembershipSeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> of(String emailKey) {
        return jdbc.sql("""
                        select u.id, u.tenant_id, t.name, u.role, u.display_name, u.joined_at is null as invited
                        from app_user u join tenant t on t.id = u.tenant_id
                        where u.email_key = :key and u.enabled and t.suspended_at is null
                        order by u.last_login_at desc nulls last, u.created_at""")
                .param("key", emailKey)
                .query((rs, n) -> new Row(
                        new Seat(
                                rs.getObject("id", UUID.class),
                                rs.getObject("tenant_id", UUID.class),
                                rs.getString("name"),
                                Role.valueOf(rs.getString("role")),
                                rs.getString("display_name")),
                        rs.getBoolean("invited")))
                .list();
    }
}
