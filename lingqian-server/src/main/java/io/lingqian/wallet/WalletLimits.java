package io.lingqian.wallet;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.wallet.internal.IdentityStore;
import io.lingqian.wallet.internal.OutflowStore;
import io.lingqian.wallet.internal.SecurityStore;

/**
 * The limits on paying from the balance (domain-rules.md §4): the account-class limit, counted per
 * person across their wallets (Class I since opening, II and III per calendar year), the daily limit
 * for payments with two factors, and the lower daily limit and count for password-free payments.
 * Every outflow from a balance goes through {@link #authorizeOutflow} in the transaction that posts it.
 */
@Service
public class WalletLimits {

    /** Why money leaves a balance. */
    public enum OutflowKind {
        /** A payment to a merchant. */
        PAYMENT,
        /** A transfer or red packet to another user. */
        TRANSFER,
        /** A withdrawal to the holder's own same-name card: outside the limits by law unless configured. */
        WITHDRAWAL
    }

    private final IdentityStore identities;
    private final OutflowStore outflows;
    private final SecurityStore security;
    private final WalletProperties settings;
    private final Clock clock;

    WalletLimits(IdentityStore identities, OutflowStore outflows, SecurityStore security, WalletProperties settings,
            Clock clock) {
        this.identities = identities;
        this.outflows = outflows;
        this.security = security;
        this.settings = settings;
        this.clock = clock;
    }

    /** What the user's balance may still pay, and the withdrawal quota left. */
    public Limits limits(long userId) {
        long freeQuota = settings.withdrawal().freeQuotaFen();
        return identities.identityOf(userId).flatMap(identities::byId).map(this::limitsOf)
                .orElseGet(() -> new Limits(AccountClass.NONE, true, 0, 0, 0, 0, 0, 0, 0, 0, freeQuota, 0));
    }

    private Limits limitsOf(IdentityStore.Row identity) {
        WalletProperties.Limits p = settings.limits();
        long freeQuota = settings.withdrawal().freeQuotaFen();
        AccountClass cls = AccountClass.forChannels(identities.channels(identity.id()), p);
        OutflowStore.Usages used = outflows.usages(identity.id(), classPeriodStart(cls), startOfToday());
        return new Limits(cls, cls.lifetimeLimit(), cls.limitFen(p), used.classFen(), p.dailyFen(), used.todayFen(),
                p.passwordFreeDailyFen(), used.passwordFreeTodayFen(), p.passwordFreeDailyCount(),
                used.passwordFreeTodayCount(), freeQuota, Math.max(0, freeQuota - identity.withdrawalFreeUsedFen()));
    }

    /**
     * Checks an outflow against every limit and records it, inside the caller's transaction (which
     * must then post it to the ledger). Serialised per person by a lock on the identity row.
     *
     * @param passwordFree whether the payer skipped the password (fewer than two factors)
     * @throws io.lingqian.platform.ApiProblemException {@code limit_exceeded} naming the limit, or
     *         {@code not_verified}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void authorizeOutflow(long userId, OutflowKind kind, long amountFen, boolean passwordFree, String reference) {
        if (amountFen <= 0) {
            throw WalletProblems.invalid("invalid_amount", "An amount is positive.");
        }
        long identityId = identities.identityOf(userId).orElseThrow(() -> WalletProblems.refused("not_verified",
                "Verify your real name before paying from your balance."));
        if (kind == OutflowKind.WITHDRAWAL && !settings.limits().withdrawalsCount()) {
            return;
        }
        IdentityStore.Row identity = identities.lock(identityId);
        if (outflows.exists(reference)) {
            return;
        }
        Limits now = limitsOf(identity);
        if (amountFen > now.classLeftFen()) {
            throw WalletProblems.refused("limit_exceeded", "Class " + now.accountClass() + " accounts may pay "
                    + Yuan.format(now.classLimitFen()) + " CNY from the balance " + (now.lifetime() ? "in total" : "a year")
                    + "; " + Yuan.format(now.classLeftFen()) + " CNY is left. Bind cards of more banks to raise the class.");
        }
        if (amountFen > now.dailyLeftFen()) {
            throw WalletProblems.refused("limit_exceeded", "The daily limit is " + Yuan.format(now.dailyLimitFen())
                    + " CNY; " + Yuan.format(now.dailyLeftFen()) + " CNY is left today.");
        }
        if (passwordFree) {
            SecurityStore.Row sec = security.get(userId);
            if (!sec.passwordFreeEnabled() || amountFen > sec.passwordFreeLimitFen()) {
                throw WalletProblems.refused("password_required", "This payment needs the payment password.");
            }
            if (amountFen > now.passwordFreeDailyLeftFen()
                    || now.passwordFreeDailyCountUsed() >= now.passwordFreeDailyCount()) {
                throw WalletProblems.refused("password_required", "Today's password-free payments are used up ("
                        + now.passwordFreeDailyCount() + " payments or " + Yuan.format(now.passwordFreeDailyLimitFen())
                        + " CNY a day); enter the payment password.");
            }
        }
        outflows.insert(identityId, userId, kind.name(), amountFen, passwordFree, reference, clock.instant());
    }

    /**
     * Checks a payment made with a bound card rather than the balance: the account-class and daily
     * balance limits do not apply to it (the card's bank limits it, domain-rules.md §4.1), but a
     * payment without the password must still be within the user's password-free setting.
     *
     * @throws io.lingqian.platform.ApiProblemException {@code password_required}
     */
    public void authorizeCardPayment(long userId, long amountFen, boolean passwordFree) {
        if (passwordFree) {
            SecurityStore.Row sec = security.get(userId);
            if (!sec.passwordFreeEnabled() || amountFen > sec.passwordFreeLimitFen()) {
                throw WalletProblems.refused("password_required", "This payment needs the payment password.");
            }
        }
    }

    /**
     * Gives {@code releasedFen} of the outflow recorded under {@code reference} back to the limits, for
     * money that returned to the payer (a transfer returned, withdrawn or expired; the refunded rest of
     * a red packet). The amount is the total released so far, not an increment, so calling again with
     * the same amount changes nothing; it is capped at the outflow's amount. Unknown references (an
     * outflow outside the limits) are ignored.
     */
    @Transactional
    public void releaseOutflow(String reference, long releasedFen) {
        if (releasedFen <= 0) {
            throw WalletProblems.invalid("invalid_amount", "An amount is positive.");
        }
        outflows.release(reference, releasedFen);
    }

    private Instant startOfToday() {
        return LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
    }

    private Instant classPeriodStart(AccountClass cls) {
        if (cls.lifetimeLimit()) {
            return Instant.EPOCH;
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        return now.toLocalDate().withDayOfYear(1).atStartOfDay(clock.getZone()).toInstant();
    }
}
