package io.lingqian.care;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.care.internal.ClaimStore;
import io.lingqian.ledger.CreateTransferResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.WalletHistory;

/**
 * Compensation claims (赔付, domain rules §5.6, docs/care.md). A user claims the money that left their
 * balance in some of their own bills; staff take the claim up, then approve all or part of it or
 * reject it with a reason. Approval pays at once: in the approval's transaction the claim becomes
 * APPROVED and PAID and, last, the ledger moves the amount from the compensation fund to the user's
 * wallet under the transfer {@code claim:<id>} (code COMPENSATION). A fund too small refuses the
 * approval and nothing changes. What one user is paid in a calendar year (China Standard Time) is
 * capped by {@link CareProperties#yearlyCompensationCapFen()}.
 */
@Service
@EnableConfigurationProperties(CareProperties.class)
public class Claims {

    public static final int MAX_BILLS = 20;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_REASON = 500;
    private static final int MAX_LISTED = 200;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ClaimStore store;
    private final WalletHistory history;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final CareProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Claims(ClaimStore store, WalletHistory history, CustomerAccounts accounts, Ledger ledger, CareProperties settings,
            TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.history = history;
        this.accounts = accounts;
        this.ledger = ledger;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Files a claim on the user's own bills.
     *
     * @param claimedFen what the user asks for; null for everything that left the balance in the bills
     * @throws ApiProblemException {@code validation_failed}, {@code bill_not_found} (not a bill of this
     *         user's), {@code bill_not_claimable} (nothing left the balance, or it failed),
     *         {@code bill_already_claimed}, {@code claim_too_high}
     */
    public Claim file(long userId, List<String> references, Long claimedFen, String description) {
        String text = description == null ? "" : description.strip();
        if (text.isEmpty() || text.length() > MAX_DESCRIPTION) {
            throw CareProblems.invalid("validation_failed",
                    "Say what happened in 1 to " + MAX_DESCRIPTION + " characters.");
        }
        Set<String> refs = new LinkedHashSet<>(references == null ? List.of() : references);
        refs.removeIf(r -> r == null || r.isBlank());
        if (refs.isEmpty() || refs.size() > MAX_BILLS) {
            throw CareProblems.invalid("validation_failed", "Name 1 to " + MAX_BILLS + " bills.");
        }
        List<Claim.ClaimedBill> bills = new ArrayList<>();
        long total = 0;
        for (String ref : refs) {
            Bill bill;
            try {
                bill = history.bill(userId, ref);
            } catch (ApiProblemException notYours) {
                throw new ApiProblemException(notYours.status(), "bill_not_found",
                        "Bill " + ref + " is not one of yours; you can only claim your own transactions.");
            }
            if (bill.amountFen() >= 0 || "FAILED".equals(bill.status())) {
                throw CareProblems.refused("bill_not_claimable", "Bill " + ref
                        + " took no money from your balance, so there is nothing to compensate.");
            }
            bills.add(new Claim.ClaimedBill(ref, -bill.amountFen()));
            total = Math.addExact(total, -bill.amountFen());
        }
        long claimed = claimedFen == null ? total : claimedFen;
        if (claimed <= 0 || claimed > total) {
            throw CareProblems.refused("claim_too_high", "Claim between 0.01 and " + total
                    + " fen, what left your balance in these bills.");
        }
        long id = transaction.execute(status -> {
            store.lockUser(userId);
            List<String> taken = store.referencesInLiveClaims(List.copyOf(refs));
            if (!taken.isEmpty()) {
                throw CareProblems.conflict("bill_already_claimed", "Bill " + taken.get(0)
                        + " is already in one of your claims.");
            }
            Instant now = clock.instant();
            long created = store.insert(userId, text, claimed, bills, now);
            store.event(created, "user:" + userId, null, ClaimState.SUBMITTED, null, now);
            return created;
        });
        return store.byId(id).orElseThrow();
    }

    /** The user's claims, newest first. */
    public List<Claim> ofUser(long userId) {
        return store.ofUser(userId, MAX_LISTED);
    }

    /** The user's claim; another user's is not found. */
    public Claim ofUser(long userId, long claimId) {
        return store.byId(claimId).filter(c -> c.userId() == userId).orElseThrow(() -> CareProblems.notFound("claim"));
    }

    /** Any claim, for staff. */
    public Optional<Claim> claim(long claimId) {
        return store.byId(claimId);
    }

    /** Claims waiting for staff (SUBMITTED, INVESTIGATING), oldest first, or those in one state. */
    public List<Claim> queue(ClaimState state) {
        return store.inStates(state == null ? List.of(ClaimState.SUBMITTED, ClaimState.INVESTIGATING)
                : List.of(state), MAX_LISTED);
    }

    public List<CareEvent> events(long claimId) {
        return store.events(claimId);
    }

    /** What the user has been paid in claims decided this calendar year, and the cap. */
    public long approvedThisYearFen(long userId) {
        Year year = Year.now(clock.withZone(CHINA));
        return store.approvedBetween(userId, year.atDay(1).atStartOfDay(CHINA).toInstant(),
                year.plusYears(1).atDay(1).atStartOfDay(CHINA).toInstant());
    }

    public long yearlyCapFen() {
        return settings.yearlyCompensationCapFen();
    }

    /** Staff take the claim up. */
    public Claim investigate(long claimId, String actor) {
        return transaction.execute(status -> {
            Claim claim = lockClaim(claimId);
            move(claim, ClaimState.INVESTIGATING, actor, null);
            return store.byId(claimId).orElseThrow();
        });
    }

    /**
     * Approves all or part of the claim and pays it from the compensation fund, in one transaction.
     * Approving a paid claim again with the same amount answers the claim as it is (a repeated form).
     *
     * @throws ApiProblemException {@code validation_failed} (amount not positive or above the claim),
     *         {@code illegal_transition}, {@code yearly_cap_reached}, {@code compensation_fund_short}
     */
    public Claim approve(long claimId, long amountFen, String note, String actor) {
        String why = note == null || note.isBlank() ? null : note.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw CareProblems.invalid("validation_failed", "Keep the note to " + MAX_REASON + " characters.");
        }
        long userId = store.byId(claimId).orElseThrow(() -> CareProblems.notFound("claim")).userId();
        long wallet = accounts.openWallet(userId);
        return transaction.execute(status -> {
            store.lockUser(userId);
            Claim claim = store.lock(claimId);
            if (claim.state() == ClaimState.PAID && claim.approvedFen() == amountFen) {
                return claim;
            }
            if (amountFen <= 0 || amountFen > claim.claimedFen()) {
                throw CareProblems.invalid("validation_failed", "Approve between 1 and " + claim.claimedFen()
                        + " fen, what the user claimed.");
            }
            requireTransition(claim, ClaimState.APPROVED);
            long paidThisYear = approvedThisYearFen(userId);
            if (Math.addExact(paidThisYear, amountFen) > settings.yearlyCompensationCapFen()) {
                throw CareProblems.refused("yearly_cap_reached", "The user has been paid " + paidThisYear
                        + " fen this year; " + amountFen + " fen more would pass the yearly cap of "
                        + settings.yearlyCompensationCapFen() + " fen.");
            }
            Instant now = clock.instant();
            store.decide(claimId, amountFen, why, now);
            store.transition(claimId, ClaimState.INVESTIGATING, ClaimState.APPROVED, actor,
                    amountFen == claim.claimedFen() ? "approved in full" : "approved " + amountFen + " of "
                            + claim.claimedFen() + " fen" + (why == null ? "" : ": " + why), now);
            store.transition(claimId, ClaimState.APPROVED, ClaimState.PAID, "system",
                    "paid from the compensation fund, transfer " + Claim.transferId(claimId), now);
            store.paid(claimId, now);
            String transferId = Claim.transferId(claimId);
            TransferResult paid = ledger.createTransfer(TransferRequest.single(transferId,
                    PlatformAccount.COMPENSATION_FUND.id(), wallet, amountFen, Ledger.CNY,
                    TransferCode.COMPENSATION.code(), transferId));
            if (paid.result() == CreateTransferResult.EXCEEDS_CREDITS) {
                throw CareProblems.refused("compensation_fund_short", "The compensation fund holds less than "
                        + amountFen + " fen; allocate money to it from operator capital first.");
            }
            paid.orThrow();
            return store.byId(claimId).orElseThrow();
        });
    }

    /**
     * Rejects the claim with a reason the user will read.
     *
     * @throws ApiProblemException {@code validation_failed} (no reason), {@code illegal_transition}
     */
    public Claim reject(long claimId, String reason, String actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw CareProblems.invalid("validation_failed", "Give the user a reason in 1 to " + MAX_REASON
                    + " characters.");
        }
        return transaction.execute(status -> {
            Claim claim = lockClaim(claimId);
            requireTransition(claim, ClaimState.REJECTED);
            store.decide(claimId, null, why, clock.instant());
            move(claim, ClaimState.REJECTED, actor, why);
            return store.byId(claimId).orElseThrow();
        });
    }

    private Claim lockClaim(long claimId) {
        if (store.byId(claimId).isEmpty()) {
            throw CareProblems.notFound("claim");
        }
        return store.lock(claimId);
    }

    private void move(Claim claim, ClaimState to, String actor, String note) {
        requireTransition(claim, to);
        store.transition(claim.id(), claim.state(), to, actor, note, clock.instant());
    }

    private static void requireTransition(Claim claim, ClaimState to) {
        if (!claim.state().canBecome(to)) {
            throw CareProblems.conflict("illegal_transition", "Claim " + claim.id() + " is " + claim.state()
                    + " and cannot become " + to + ".");
        }
    }
}
