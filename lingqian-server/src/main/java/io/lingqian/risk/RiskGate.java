package io.lingqian.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.payment.PaymentHook;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.FreezeStore;
import io.lingqian.risk.internal.RiskStore;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.RiskCheck;
import io.lingqian.wallet.SecuritySettings;
import io.lingqian.wallet.WalletCards;

/**
 * Where every money movement meets the risk engine, before money moves: the wallet's
 * {@link RiskCheck} (withdrawals, transfers, red packets, password changes, card binding) and the
 * payments' first {@link PaymentHook}.
 *
 * <ol>
 * <li>A frozen wallet's payment, transfer, red packet or withdrawal is refused: {@code wallet_frozen} (423).</li>
 * <li>The engine evaluates the attempt; the attempt is fed to its counters (once per key) and stored.</li>
 * <li>ALLOW passes. CHALLENGE passes if the user confirmed a challenge for exactly this attempt (which
 *     is then used up); otherwise an SMS code is sent and the call is refused with
 *     {@code risk_challenge} (428) carrying {@code challengeId}. DENY is refused with {@code risk_denied}
 *     (403) and opens or updates a case; DENY_AND_FREEZE also freezes the wallet.</li>
 * </ol>
 *
 * The events of refused attempts, cases and freezes are written in their own transaction, so they
 * stay when the refused payment's transaction rolls back. An allowed attempt's event joins the caller's
 * transaction instead: it is the common case, and a second connection per request while the first is
 * held starves the pool under load (every request holding one and waiting for another); an allowed
 * payment that later fails for another reason leaves no event, which the in-memory counters already
 * counted anyway.
 */
@Service
@Order(0)
public class RiskGate implements RiskCheck, PaymentHook {

    private static final Logger log = LoggerFactory.getLogger(RiskGate.class);

    private final RiskEngine engine;
    private final RiskStore store;
    private final FreezeStore freezeStore;
    private final WalletFreezes freezes;
    private final RiskCases cases;
    private final SmsCodes codes;
    private final WalletCards cards;
    private final PaymentSecurity security;
    private final RiskInstance instance;
    private final TransactionTemplate own;
    private final TransactionTemplate joined;
    private final Clock clock;

    RiskGate(RiskEngine engine, RiskStore store, FreezeStore freezeStore, WalletFreezes freezes, RiskCases cases,
            SmsCodes codes, WalletCards cards, PaymentSecurity security, RiskInstance instance, PlatformTransactionManager transactions,
            Clock clock) {
        this.engine = engine;
        this.store = store;
        this.freezeStore = freezeStore;
        this.freezes = freezes;
        this.cases = cases;
        this.codes = codes;
        this.cards = cards;
        this.security = security;
        this.instance = instance;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joined = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * A payment. Under the hardware lock a payment from another device is at least challenged (the
     * built-in {@code hardware-lock} rule, which staff cannot edit away): the SMS code to the user's
     * mobile proves the owner is paying.
     */
    @Override
    public List<Discount> beforeMoneyMoves(PaymentAttempt attempt) {
        // One read of the payer's security settings serves the hardware lock and the password lock.
        SecuritySettings settings = security.settings(attempt.payerUserId());
        check(new Attempt(Action.PAYMENT, "payment:" + attempt.order().transactionId(), attempt.payerUserId(),
                attempt.deviceId(), attempt.order().totalFen(), null, attempt.order().merchantId(), null, null,
                attempt.passwordFree()), settings.unboundDevice(attempt.deviceId()), settings);
        return List.of();
    }

    @Override
    public void check(Attempt attempt) {
        check(attempt, false, null);
    }

    /** @param settings the user's security settings if already read, else null */
    private void check(Attempt attempt, boolean unboundDevice, SecuritySettings settings) {
        RiskAction action = RiskAction.valueOf(attempt.action().name());
        if (action.movesMoney() && freezes.isFrozen(attempt.userId())) {
            throw new ApiProblemException(HttpStatus.LOCKED, "wallet_frozen", "Your wallet is frozen: it cannot pay, "
                    + "transfer, send red packets or withdraw. Incoming money still arrives. To lift the freeze, "
                    + "verify your identity in the wallet's security page; staff then approve it.");
        }
        if (action.movesMoney() && attempt.passwordFree()
                && (settings != null ? settings : security.settings(attempt.userId())).lockedUntil() != null) {
            // a locked payment password stops password-free payments too: five wrong guesses mean
            // someone else may hold the phone
            throw new ApiProblemException(HttpStatus.LOCKED, "payment_password_locked", "The payment password is "
                    + "locked after too many wrong attempts, and password-free payments with it; reset it by "
                    + "verifying your identity again.");
        }
        String cardKey = attempt.cardIndex() != null ? attempt.cardIndex()
                : attempt.cardId() != null ? cards.cardIndex(attempt.userId(), attempt.cardId()) : null;
        // Without a key every attempt is new for the counters, but a passed challenge still matches it.
        String stable = action.name() + ":" + attempt.userId() + ":" + (attempt.key() == null ? "" : attempt.key());
        String key = attempt.key() == null ? stable + UUID.randomUUID() : stable;
        Instant now = clock.instant();
        RiskEvent event = new RiskEvent(key, action, attempt.userId(), attempt.deviceId(), attempt.amountFen(),
                attempt.merchantId(), attempt.payeeUserId(), cardKey, attempt.passwordFree(), now);
        RiskAssessment evaluated = engine.evaluate(event);
        RiskAssessment assessment = unboundDevice ? withHardwareLock(evaluated) : evaluated;
        RiskDecision decision = assessment.decision();
        boolean passedChallenge = decision == RiskDecision.CHALLENGE
                && Boolean.TRUE.equals(joined.execute(status -> consumeChallenge(event, stable)));
        boolean fresh = engine.record(event, decision == RiskDecision.ALLOW || passedChallenge);
        if (!assessment.testFired().isEmpty()) {
            log.info("Risk rules in test mode would have decided on {} of user {}: {}", action, attempt.userId(),
                    assessment.testFired());
        }
        if (fresh || decision != RiskDecision.ALLOW) {
            String recorded = passedChallenge ? "CHALLENGE_PASSED" : decision.name();
            TransactionTemplate where = decision == RiskDecision.ALLOW || passedChallenge ? joined : own;
            where.executeWithoutResult(status -> store.insertEvent(instance.id(), key, action.name(), attempt.userId(),
                    attempt.deviceId(), attempt.amountFen(), attempt.merchantId(), attempt.payeeUserId(), cardKey,
                    attempt.passwordFree(), recorded, assessment.rulesVersion(), join(assessment.fired()),
                    join(assessment.testFired()), now));
        }
        switch (decision) {
            case ALLOW -> {
                // go ahead
            }
            case CHALLENGE -> {
                if (!passedChallenge) {
                    SmsCode code = own.execute(status -> codes.issue(SmsCodes.Purpose.CHALLENGE, attempt.userId(),
                            fingerprint(event, stable)));
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("challengeId", code.id());
                    extra.put("verify", "SMS_CODE");
                    extra.put("maskedMobile", code.maskedMobile());
                    extra.put("expiresAt", code.expiresAt().toString());
                    if (code.sandboxCode() != null) {
                        extra.put("sandboxSmsCode", code.sandboxCode());
                    }
                    throw new ApiProblemException(HttpStatus.PRECONDITION_REQUIRED, "risk_challenge",
                            "For your safety, confirm this with the SMS code sent to " + code.maskedMobile()
                                    + " (challenge " + code.id() + "), then send the same request again. Why: "
                                    + assessment.reasons() + "." + (code.sandboxCode() == null ? ""
                                            : " Sandbox: the code is " + code.sandboxCode() + "."), extra);
                }
            }
            case DENY, DENY_AND_FREEZE -> {
                own.executeWithoutResult(status -> {
                    cases.record(attempt.userId(), decision.name(), decision.name(), action + " of "
                            + attempt.amountFen() + " fen refused by " + assessment.fired(), "risk engine");
                    if (decision == RiskDecision.DENY_AND_FREEZE) {
                        freezes.freeze(attempt.userId(), Freeze.Source.RULE, "Rule: " + assessment.reasons(),
                                "risk engine", null);
                    }
                });
                throw new ApiProblemException(HttpStatus.FORBIDDEN, "risk_denied", "This was refused by our risk "
                        + "controls (" + assessment.reasons() + ")"
                        + (decision == RiskDecision.DENY_AND_FREEZE ? " and your wallet was frozen" : "")
                        + ". Contact customer service if this was you.");
            }
        }
    }

    @Override
    public void checkHeldOutflow(long senderUserId, long actingUserId) {
        if (!freezes.isFrozen(senderUserId)) {
            return;
        }
        if (senderUserId == actingUserId) {
            throw new ApiProblemException(HttpStatus.LOCKED, "wallet_frozen", "Your wallet is frozen: money you sent "
                    + "that is still waiting stays where it is until the freeze is lifted.");
        }
        throw new ApiProblemException(HttpStatus.LOCKED, "outflow_held", "The sender's wallet is frozen: this "
                + "money is held until the freeze is lifted. You can still give it back.");
    }

    /**
     * The user confirms a challenge's SMS code. Too many wrong codes fail it and open a case.
     *
     * @throws ApiProblemException {@code wrong_sms_code}, {@code verification_failed}, {@code not_found}
     */
    public void confirmChallenge(long userId, String challengeId, String code) {
        record Result(SmsCodes.Outcome outcome, int left) {
        }
        Result result = own.execute(status -> {
            FreezeStore.VerificationRow row = freezeStore.lockVerification(challengeId == null ? "" : challengeId)
                    .filter(r -> r.userId() == userId)
                    .orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such challenge."));
            SmsCodes.Outcome outcome = codes.confirm(SmsCodes.Purpose.CHALLENGE, challengeId, userId, code, row);
            if (outcome == SmsCodes.Outcome.FAILED) {
                cases.record(userId, "CHALLENGE_FAILED", "CHALLENGE", "Challenge " + challengeId
                        + " failed after too many wrong SMS codes", "user:" + userId);
            }
            return new Result(outcome, codes.attemptsLeft(row));
        });
        switch (result.outcome()) {
            case CONFIRMED -> {
                // the next identical attempt passes once
            }
            case WRONG -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "wrong_sms_code",
                    "Wrong SMS code; " + result.left() + " attempts left.");
            case FAILED -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "verification_failed",
                    "Too many wrong codes; the attempt stays refused.");
        }
    }

    private boolean consumeChallenge(RiskEvent event, String stable) {
        return freezeStore.lockConfirmedChallenge(event.userId(), fingerprint(event, stable), clock.instant()).map(row -> {
            freezeStore.useVerification(row.id(), clock.instant());
            return true;
        }).orElse(false);
    }

    /** What makes two attempts "the same" for a challenge: the action, its key and what it moves where. */
    private static String fingerprint(RiskEvent e, String stable) {
        String text = stable + "|" + e.amountFen() + "|" + e.payeeKey() + "|" + e.cardKey();
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e2) {
            throw new IllegalStateException("SHA-256 is on every JDK", e2);
        }
    }

    private static RiskAssessment withHardwareLock(RiskAssessment assessment) {
        List<FiredRule> fired = new java.util.ArrayList<>(assessment.fired());
        fired.add(HARDWARE_LOCK);
        return new RiskAssessment(assessment.decision().strongest(RiskDecision.CHALLENGE), fired,
                assessment.testFired(), assessment.rulesVersion());
    }

    private static final FiredRule HARDWARE_LOCK = new FiredRule("hardware-lock", RiskDecision.CHALLENGE,
            RuleMode.ENFORCE, "The hardware lock is on and this is not the bound device");

    private static String join(List<FiredRule> fired) {
        return fired.isEmpty() ? null : String.join(", ", fired.stream().map(FiredRule::toString).toList());
    }
}
