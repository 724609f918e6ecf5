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
    @Query("select count(*) from app_user where tenant_id = :tenantId and role = 'ADMIN' and enabled and password_hash is not null")
    long countActiveAdmins(UUID tenantId);

    @Query("select * from app_user where lower(email) = lower(:email)")
    Optional<User> findByEmailIgnoreCase(String email);
}
