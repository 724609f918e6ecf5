package dev.mailroom.status;

import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantMember;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The current tenant's mail status, stored in PostgreSQL so that every node and every admin sees one truth. */
@Service
public class MailStatusService {

    private final MailStatusStore store;

    MailStatusService(MailStatusStore store) {
        this.store = store;
    }

    /** The signed-in admin's tenant's status, for the SMTP page and the sidebar. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Optional<MailStatus> current() {
        return currentForTenant();
    }

    /** For trusted server-side callers that set the tenant themselves (the broadcaster, background work). */
    @Transactional(readOnly = true)
    Optional<MailStatus> currentForTenant() {
        return store.find(CurrentTenant.require());
    }

    /** Every change is announced in its own transaction: PostgreSQL delivers it to all nodes on commit. */
    @Transactional
    public void recordProblem(MailHealth level, StatusSource source, String reasonKey, @Nullable String detail) {
        var tenant = CurrentTenant.require();
        store.saveProblem(tenant, level, source, reasonKey, detail, actorName());
        store.announce(tenant);
    }

    /**
     * A success clears a problem found by the same kind of check (a good test does not hide a failing delivery).
     * Only a change of level is announced: every delivered batch records a success, and an unchanged OK is
     * not worth a re-read on every node.
     */
    @Transactional
    public void recordSuccess(StatusSource source) {
        var tenant = CurrentTenant.require();
        if (store.saveSuccess(tenant, source, actorName()).changed()) {
            store.announce(tenant);
        }
    }

    /**
     * The tenant's settings changed (in the caller's transaction): its admins' open SMTP pages re-read them, on
     * every node. A notification of its own: a status change (every failed test, a delivery that changes the
     * level) does not make every open page re-read the settings and their audit trail.
     */
    @Transactional
    public void announceSettingsChange() {
        store.announceSettingsChange(CurrentTenant.require());
    }

    /** Remove: no custom settings, nothing to be wrong with. */
    @Transactional
    public void clear() {
        var tenant = CurrentTenant.require();
        store.delete(tenant);
        store.announce(tenant);
    }

    private static String actorName() {
        return TenantContext.currentMember().map(TenantMember::displayName).orElse("Mailroom");
    }
}
