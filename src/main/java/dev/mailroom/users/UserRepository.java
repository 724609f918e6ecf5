package dev.mailroom.users;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, UUID> {

    List<User> findByTenantIdOrderByDisplayName(UUID tenantId);

    Optional<User> findByIdAndTenantId(UUID id, UUID tenantId);

    Optional<User> findByTenantIdAndPersonId(UUID tenantId, UUID personId);

    /** Admins who can sign in now: enabled, and joined (an invited admin has not accepted yet). */
    @Query(
            "select count(*) from app_user where tenant_id = :tenantId and role = 'ADMIN' and enabled and joined_at is not null")
    long countActiveAdmins(UUID tenantId);

    /** A person's memberships, most recently used first; in a sign-in's lookup only (app_user_login). */
    @Query("select * from app_user where email_key = :key order by last_login_at desc nulls last, created_at")
    List<User> findByEmailKey(String key);

    /** One read per request (see SessionValidity): enabled, joined, tenant not suspended, nothing ended the session. */
    @Query("""
            select u.enabled and u.joined_at is not null and t.suspended_at is null
                   and (u.sessions_valid_from is null or u.sessions_valid_from <= :signedInAt)
                   and (p.sessions_valid_from is null or p.sessions_valid_from <= :signedInAt)
            from app_user u join tenant t on t.id = u.tenant_id join person p on p.id = u.person_id
            where u.id = :userId and u.tenant_id = :tenantId""")
    Optional<Boolean> sessionStands(UUID userId, UUID tenantId, java.time.Instant signedInAt);
}
