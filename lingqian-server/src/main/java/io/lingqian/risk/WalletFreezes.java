package io.lingqian.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.audit.AuditLog;
import io.lingqian.ledger.AccountStatus;
import io.lingqian.ledger.Ledger;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.FreezeStore;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletDevices;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/**
 * Freezing a wallet (紧急冻结, domain-rules.md §5.5) and lifting the freeze.
 *
 * <p>A freeze sets the wallet's ledger account FROZEN, which refuses every new debit and still takes
 * credits, so refunds and returned transfers arrive; {@link RiskGate} also refuses payments,
 * transfers, red packets and withdrawals up front ({@code wallet_frozen}), before a bank card is
 * charged. Holds taken before the freeze (a transfer waiting for acceptance) stay as they are.
 *
 * <p>Who freezes: the user signed in; anyone holding the phone number, without signing in, with the
 * wallet's ID number and an SMS code (a wrong ID number freezes nothing and counts as a failed
 * attempt, at most {@code identity-attempts-per-day} a day per number); staff; a DENY_AND_FREEZE rule.
 * Lifting: the user re-verifies (ID number + SMS code) and asks, then staff approve. A freeze with an
 * expiry ends by itself.
 */
@Service
public class WalletFreezes {

    /** A user's request to lift a freeze. */
    public record UnfreezeRequest(long id, long userId, long freezeId, String state, Instant createdAt,
                                  Instant decidedAt, String decidedBy, String note) {
    }

    /** A started emergency freeze or unfreeze request: confirm it with the SMS code. */
    public record Started(String verificationId, Long requestId, SmsCode code) {
    }

    private final FreezeStore store;
    private final SmsCodes codes;
    private final RiskCases cases;
    private final WalletUsers users;
    private final Verifications verifications;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final AuditLog audit;
    private final RiskProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    WalletFreezes(FreezeStore store, SmsCodes codes, RiskCases cases, WalletUsers users, Verifications verifications,
            CustomerAccounts accounts, Ledger ledger, AuditLog audit, RiskProperties settings,
            TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.codes = codes;
        this.cases = cases;
        this.users = users;
        this.verifications = verifications;
        this.accounts = accounts;
        this.ledger = ledger;
        this.audit = audit;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The wallet's active freeze; one whose expiry passed is ended here (and by the job). */
    public Optional<Freeze> active(long userId) {
        Optional<Freeze> active = store.active(userId).map(WalletFreezes::view);
        if (active.isPresent() && active.get().expiresAt() != null
                && !clock.instant().isBefore(active.get().expiresAt())) {
            end(active.get(), Freeze.State.EXPIRED, "expiry");
            return Optional.empty();
        }
        return active;
    }

    public boolean isFrozen(long userId) {
        return active(userId).isPresent();
    }

    public List<Freeze> history(long userId) {
        return store.freezesOf(userId).stream().map(WalletFreezes::view).toList();
    }

    /**
     * Freezes the wallet (in the caller's transaction, or its own) and opens or updates the user's
     * case. A wallet frozen already stays frozen under its first freeze.
     *
     * @param expiresAt when it ends by itself, or null
     */
    public Freeze freeze(long userId, Freeze.Source source, String reason, String actor, Instant expiresAt) {
        if (reason == null || reason.isBlank() || reason.length() > 300) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_reason", "Give a reason (1-300 characters).");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_expiry", "An expiry is in the future.");
        }
        if (!users.exists(userId)) {
            throw new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such wallet user.");
        }
        return transaction.execute(status -> {
            Optional<FreezeStore.FreezeRow> existing = store.lockActive(userId);
            if (existing.isPresent()) {
                return view(existing.get());
            }
            Instant now = clock.instant();
            long id = store.insertFreeze(userId, source.name(), reason.strip(), actor, now, expiresAt);
            ledger.changeStatus(accounts.openWallet(userId), AccountStatus.FROZEN);
            cases.record(userId, "FROZEN", "FROZEN", "Wallet frozen (" + source + "): " + reason.strip(), actor);
            audit.system(actor, "WALLET_FROZEN", "user:" + userId, source + ": " + reason.strip()
                    + (expiresAt == null ? "" : " until " + expiresAt));
            return view(store.freeze(id).orElseThrow());
        });
    }

    /** Staff freeze a wallet (from a case or by user id); audited as their action. */
    public Freeze freezeByStaff(long userId, String reason, Instant expiresAt, long staffId, String staffName) {
        Freeze freeze = freeze(userId, Freeze.Source.STAFF, reason, staffName, expiresAt);
        audit.staff(staffId, staffName, "STAFF_FREEZE", "user:" + userId, reason
                + (expiresAt == null ? "" : " (until " + expiresAt + ")"));
        return freeze;
    }

    /** The signed-in user freezes their own wallet. */
    public Freeze freezeOwn(long userId, String reason) {
        return freeze(userId, Freeze.Source.USER, reason == null || reason.isBlank() ? "Frozen by the user" : reason,
                "user:" + userId, null);
    }

    /**
     * Starts an emergency freeze without signing in: the mobile number and the wallet's ID number must
     * match; then an SMS code goes to that number.
     *
     * @throws ApiProblemException {@code identity_not_verified} (422) when they do not match (counted),
     *         {@code too_many_attempts} (429) after too many failures today
     */
    public Started startEmergency(String mobile, String idNumber) {
        String number = mobile == null ? "" : mobile.strip();
        Instant now = clock.instant();
        if (store.failedIdentityAttempts(number, now.minus(Duration.ofDays(1))) >= settings.identityAttemptsPerDay()) {
            throw new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                    "Too many failed attempts for this number today; call customer service.");
        }
        Optional<WalletUser> user = users.byMobile(number).filter(u -> verifications.identityMatches(u.id(), idNumber));
        if (user.isEmpty()) {
            transaction.executeWithoutResult(status -> {
                store.identityAttempt(number, false, now);
                audit.anonymous("EMERGENCY_FREEZE_REFUSED", null, "identity check failed for "
                        + WalletDevices.maskMobile(number));
            });
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "identity_not_verified",
                    "The mobile number and ID number do not match a verified wallet; nothing was frozen.");
        }
        return transaction.execute(status -> {
            store.identityAttempt(number, true, now);
            SmsCode code = codes.issue(SmsCodes.Purpose.EMERGENCY_FREEZE, user.get().id(), null);
            return new Started(code.id(), null, code);
        });
    }

    /** Confirms an emergency freeze with its SMS code: the wallet is frozen. */
    public Freeze confirmEmergency(String verificationId, String code) {
        long userId = confirmCode(SmsCodes.Purpose.EMERGENCY_FREEZE, verificationId, null, code);
        return freeze(userId, Freeze.Source.EMERGENCY, "Emergency freeze (lost phone or stolen account)",
                "user:" + userId + " (not signed in)", null);
    }

    /** The user asks to lift the freeze: the ID number must match, then an SMS code confirms it. */
    public Started requestUnfreeze(long userId, String idNumber) {
        Freeze freeze = active(userId).orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT, "not_frozen",
                "Your wallet is not frozen."));
        if (!verifications.identityMatches(userId, idNumber)) {
            audit.user(userId, "UNFREEZE_IDENTITY_FAILED", "user:" + userId, "wrong ID number");
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "identity_mismatch",
                    "This is not the ID number this wallet is verified with.");
        }
        return transaction.execute(status -> {
            SmsCode code = codes.issue(SmsCodes.Purpose.UNFREEZE, userId, null);
            long id = store.insertUnfreeze(userId, freeze.id(), code.id(), clock.instant());
            return new Started(code.id(), id, code);
        });
    }

    /** Confirms the unfreeze request's SMS code: it then waits for staff. */
    public UnfreezeRequest confirmUnfreeze(long userId, long requestId, String code) {
        FreezeStore.UnfreezeRow request = transaction.execute(status -> store.lockUnfreeze(requestId))
                .filter(r -> r.userId() == userId)
                .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such request."));
        confirmCode(SmsCodes.Purpose.UNFREEZE, request.verificationId(), userId, code);
        transaction.executeWithoutResult(status -> {
            store.unfreezeState(requestId, "PENDING_APPROVAL", null, null, clock.instant());
            cases.record(userId, "UNFREEZE_REQUESTED", "FROZEN", "The user re-verified and asks to lift the freeze "
                    + "(request " + requestId + ")", "user:" + userId);
            audit.user(userId, "UNFREEZE_REQUESTED", "user:" + userId, "request " + requestId);
        });
        return unfreezeRequest(requestId);
    }

    public List<UnfreezeRequest> unfreezeRequests(String state, Long userId) {
        return store.unfreezeRequests(state, userId, 200).stream().map(WalletFreezes::view).toList();
    }

    public UnfreezeRequest unfreezeRequest(long id) {
        return transaction.execute(status -> store.lockUnfreeze(id)).map(WalletFreezes::view)
                .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such request."));
    }

    /** Staff approve a re-verified request: the freeze is lifted. */
    public UnfreezeRequest approveUnfreeze(long requestId, long staffId, String staffName, String note) {
        return decide(requestId, true, staffId, staffName, note);
    }

    public UnfreezeRequest rejectUnfreeze(long requestId, long staffId, String staffName, String note) {
        return decide(requestId, false, staffId, staffName, note);
    }

    private UnfreezeRequest decide(long requestId, boolean approve, long staffId, String staffName, String note) {
        transaction.executeWithoutResult(status -> {
            FreezeStore.UnfreezeRow r = store.lockUnfreeze(requestId)
                    .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such request."));
            if (!r.state().equals("PENDING_APPROVAL")) {
                throw new ApiProblemException(HttpStatus.CONFLICT, "unfreeze_not_ready", r.state().equals("VERIFYING")
                        ? "The user has not confirmed their identity for this request yet."
                        : "This request was decided already.");
            }
            String text = note == null ? "" : note.strip();
            store.unfreezeState(requestId, approve ? "APPROVED" : "REJECTED", staffName, text, clock.instant());
            if (approve) {
                store.freeze(r.freezeId()).filter(f -> f.state().equals("ACTIVE"))
                        .ifPresent(f -> end(view(f), Freeze.State.LIFTED, staffName));
            }
            audit.staff(staffId, staffName, approve ? "UNFREEZE_APPROVED" : "UNFREEZE_REJECTED", "user:" + r.userId(),
                    "request " + requestId + (text.isEmpty() ? "" : ": " + text));
            cases.record(r.userId(), approve ? "UNFROZEN" : "UNFREEZE_REJECTED", "FROZEN",
                    (approve ? "Freeze lifted by " : "Unfreeze refused by ") + staffName + (text.isEmpty() ? "" : ": " + text),
                    staffName);
        });
        return unfreezeRequest(requestId);
    }

    /** Ends freezes whose expiry passed; how many. */
    public int expire() {
        int n = 0;
        for (FreezeStore.FreezeRow row : store.expiredActive(clock.instant(), 500)) {
            end(view(row), Freeze.State.EXPIRED, "expiry");
            n++;
        }
        return n;
    }

    private void end(Freeze freeze, Freeze.State state, String by) {
        transaction.executeWithoutResult(status -> {
            store.endFreeze(freeze.id(), state.name(), by, clock.instant());
            ledger.changeStatus(accounts.openWallet(freeze.userId()), AccountStatus.ACTIVE);
            audit.system(by, "WALLET_UNFROZEN", "user:" + freeze.userId(), state.name());
        });
    }

    /** Checks a code in its own transaction (a wrong one stays counted); the verification's user id. */
    private long confirmCode(SmsCodes.Purpose purpose, String verificationId, Long userId, String code) {
        record Result(SmsCodes.Outcome outcome, long userId, int left) {
        }
        Result result = transaction.execute(status -> {
            FreezeStore.VerificationRow row = store.lockVerification(verificationId == null ? "" : verificationId)
                    .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "not_found",
                            "No such verification."));
            SmsCodes.Outcome outcome = codes.confirm(purpose, verificationId, userId, code, row);
            return new Result(outcome, row.userId(), codes.attemptsLeft(row));
        });
        return switch (result.outcome()) {
            case CONFIRMED -> result.userId();
            case WRONG -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "wrong_sms_code",
                    "Wrong SMS code; " + result.left() + " attempts left.");
            case FAILED -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "verification_failed",
                    "Too many wrong codes; start again.");
        };
    }

    private static Freeze view(FreezeStore.FreezeRow r) {
        return new Freeze(r.id(), r.userId(), Freeze.State.valueOf(r.state()), Freeze.Source.valueOf(r.source()),
                r.reason(), r.actor(), r.createdAt().toInstant(), r.expiresAt() == null ? null : r.expiresAt().toInstant(),
                r.liftedAt() == null ? null : r.liftedAt().toInstant(), r.liftedBy());
    }

    private static UnfreezeRequest view(FreezeStore.UnfreezeRow r) {
        return new UnfreezeRequest(r.id(), r.userId(), r.freezeId(), r.state(), r.createdAt().toInstant(),
                r.decidedAt() == null ? null : r.decidedAt().toInstant(), r.decidedBy(), r.note());
    }
}
