package dev.mailroom.operator;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface OperatorRepository extends ListCrudRepository<PlatformOperator, UUID> {

    @Query("select * from platform_operator where lower(email) = lower(:email)")
    Optional<PlatformOperator> findByEmailIgnoreCase(String email);
}
