package dev.mailroom.tenant;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface TenantRepository extends ListCrudRepository<Tenant, UUID> {

    Optional<Tenant> findBySlug(String slug);
}
