package dev.mailroom.operator;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface OperatorRepository extends ListCrudRepository<PlatformOperator, UUID> {

    Optional<PlatformOperator> findByPersonId(UUID personId);
}
