package dev.mailroom.smtp;

import java.util.UUID;
import org.springframework.data.repository.CrudRepository;

interface SmtpSettingsRepository extends CrudRepository<SmtpSettingsRow, UUID> {}
