package dev.mailroom.users;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, UUID> {

    List<User> findByTenantIdOrderByDisplayName(UUID tenantId);

    Optional<User> findByIdAndTenantId(UUID id, UUID tenantId);

    long countByTenantIdAndRoleAndEnabledTrue(UUID tenantId, Role role);

    @Query("select * from app_user where lower(email) = lower(:email)")
    Optional<User> findByEmailIgnoreCase(String email);
}
