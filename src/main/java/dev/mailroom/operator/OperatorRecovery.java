package dev.mailroom.operator;

import dev.mailroom.config.MisconfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The way back in for operators (issue 31): a one-shot setting read at start. With
 * {@code mailroom.operator-recovery.email} and a password file ({@code .password-file}, so the password is in no
 * process list or environment dump), the operator with that address gets that password, or is created with it.
 * The log and the platform's audit trail (V20) say which operator account it changed, never the password; remove
 * the setting once signed in.
 */
@Component
class OperatorRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorRecovery.class);
    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private final OperatorAccounts operators;
    private final PlatformAudit audit;
    private final @Nullable String email;
    private final @Nullable String passwordFile;
    private final String name;

    OperatorRecovery(
            OperatorAccounts operators,
            PlatformAudit audit,
            @Value("${mailroom.operator-recovery.email:#{null}}") @Nullable String email,
            @Value("${mailroom.operator-recovery.password-file:#{null}}") @Nullable String passwordFile,
            @Value("${mailroom.operator-recovery.name:Platform Operator}") String name) {
        this.operators = operators;
        this.audit = audit;
        this.email = email == null || email.isBlank() ? null : email.strip();
        this.passwordFile = passwordFile == null || passwordFile.isBlank() ? null : passwordFile.strip();
        this.name = name.strip();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email == null && passwordFile == null) {
            return;
        }
        if (email == null || passwordFile == null || !email.contains("@")) {
            throw new MisconfigurationException(
                    "Operator recovery needs both an operator's address and a password file.",
                    "Set MAILROOM_OPERATOR_RECOVERY_EMAIL and MAILROOM_OPERATOR_RECOVERY_PASSWORD_FILE, or neither.");
        }
        String password = password(Path.of(passwordFile));
        var done = operators.recover(email, name, password);
        audit.record(
                "mailroom.operator-recovery",
                done.created()
                        ? PlatformAudit.Action.OPERATOR_RECOVERY_CREATED
                        : PlatformAudit.Action.OPERATOR_RECOVERY_PASSWORD_SET,
                done.operator().id());
        log.warn(
                "Operator recovery: the operator account {} {} at start by mailroom.operator-recovery. Remove"
                        + " MAILROOM_OPERATOR_RECOVERY_EMAIL and MAILROOM_OPERATOR_RECOVERY_PASSWORD_FILE (and the file)"
                        + " now.",
                done.operator().id(),
                done.created() ? "was created" : "had its password set");
    }

    private static String password(Path file) {
        String password;
        try {
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new MisconfigurationException(
                    "The operator recovery password file " + file + " cannot be read.",
                    "Point MAILROOM_OPERATOR_RECOVERY_PASSWORD_FILE at a readable file holding the new password.",
                    e);
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new MisconfigurationException(
                    "The operator recovery password must be " + MIN_LENGTH + " to " + MAX_BYTES
                            + " bytes long (its length here is outside that).",
                    "Write a longer passphrase into " + file + ".");
        }
        return password;
    }
}
