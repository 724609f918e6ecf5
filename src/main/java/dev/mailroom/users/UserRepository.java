package dev.mailroom.users;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, UUID> {

    List<User> findByTenantIdOrderByDisplayName(UUID tenantId);

    Optional<User> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Admins who can sign in now: enabled, and joined (an invited admin has no password yet). */
    @Query(
            "select count(*) from app_user where tenant_id = :tenantId and role = 'ADMIN' and enabled and password_hash is not null")
    long countActiveAdmins(UUID tenantId);

    @Query("select * from app_user where lower(email) = lower(:email)")
    Optional<User> findByEmailIgnoreCase(String email);

    /** One read per request (see SessionValidity): enabled, tenant not suspended, nothing ended the session since. */
    @Query("""
            select u.enabled and t.suspended_at is null
                   and (u.sessions_valid_from is null or u.sessions_valid_from <= :signedInAt)
            from app_user u join tenant t on t.id = u.tenant_id
            where u.id = :userId and u.tenant_id = :tenantId""")
    Optional<Boolean> sessionStands(UUID userId, UUID tenantId, java.time.Instant signedInAt);
}
