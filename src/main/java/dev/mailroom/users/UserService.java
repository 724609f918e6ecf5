package dev.mailroom.users;

import dev.mailroom.i18n.Languages;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.throttle.SignInLocks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's users, as its admins see and manage them. Every method works inside the signed-in
 * user's tenant; an id from another tenant behaves exactly like an id that does not exist.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class UserService {

    private final Clock clock;

    private final UserRepository users;
    private final SignInLocks signInLocks;
    private final dev.mailroom.people.People people;
    private final dev.mailroom.operator.OperatorAccounts operators;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    UserService(
            UserRepository users,
            SignInLocks signInLocks,
            dev.mailroom.people.People people,
            dev.mailroom.operator.OperatorAccounts operators,
            org.springframework.transaction.support.TransactionTemplate transaction,
            Clock clock) {
        this.transaction = transaction;
        this.users = users;
        this.people = people;
        this.operators = operators;
        this.signInLocks = signInLocks;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<User> listUsers() {
        return users.findByTenantIdOrderByDisplayName(CurrentTenant.require());
    }

    /**
     * Which of these users cannot sign in for now after too many failed attempts, and until when (keyed by
     * user id). The lock ends by itself; the person can also choose a new password with "Forgot password?".
     */
    @Transactional(readOnly = true)
    public Map<UUID, Instant> signInLocks(List<User> ofUsers) {
        var locked = signInLocks.lockedAmong(ofUsers.stream().map(User::email).toList());
        var byId = new java.util.HashMap<UUID, Instant>();
        for (var user : ofUsers) {
            var until = locked.get(user.email());
            if (until != null && user.tenantId().equals(CurrentTenant.require())) {
                byId.put(user.id(), until);
            }
        }
        return byId;
    }

    @Transactional(readOnly = true)
    public Optional<User> findUser(UUID userId) {
        return users.findByIdAndTenantId(userId, CurrentTenant.require());
    }

    @Transactional
    public User changeRole(UUID userId, Role role) {
        var tenant = CurrentTenant.require();
        var user = users.findByIdAndTenantId(userId, tenant).orElseThrow(UserNotFoundException::new);
        if (role != Role.ADMIN) {
            requireAnotherActiveAdmin(user);
        }
        return users.save(user.withRole(role));
    }

    /** The membership is ended for now: the person can no longer act in this tenant (elsewhere they still can). */
    @Transactional
    public User deactivate(UUID userId) {
        var user = users.findByIdAndTenantId(userId, CurrentTenant.require()).orElseThrow(UserNotFoundException::new);
        requireAnotherActiveAdmin(user);
        return users.save(user.withEnabled(false));
    }

    @Transactional
    public User reactivate(UUID userId) {
        var user = users.findByIdAndTenantId(userId, CurrentTenant.require()).orElseThrow(UserNotFoundException::new);
        return users.save(user.withEnabled(true));
    }

    /** A tenant always keeps one admin who can sign in. */
    private void requireAnotherActiveAdmin(User user) {
        boolean activeAdmin = user.role() == Role.ADMIN && user.enabled() && !user.invited();
        if (activeAdmin && users.countActiveAdmins(user.tenantId()) <= 1) {
            throw new LastAdminException();
        }
    }

    /** Any signed-in person may choose their own language (one for every tenant they are in); nobody else's. */
    @PreAuthorize("isAuthenticated()")
    public void setMyLanguage(@Nullable String language) {
        var code = language == null ? null : Languages.requireSupported(language);
        var me = TenantContext.currentMember().orElseThrow();
        var tenant = TenantContext.currentTenantId();
        if (tenant.isPresent()) {
            // As a member, the person is this tenant's to write (V19's person_member).
            transaction.executeWithoutResult(tx -> users.findByIdAndTenantId(me.accountId(), tenant.get())
                    .ifPresent(membership -> people.setPreferredLanguage(membership.personId(), code)));
        } else {
            // An operator's person is the platform's; with no seat chosen yet the choice lives in the session.
            operators.setPreferredLanguage(me.accountId(), code);
        }
    }
}
