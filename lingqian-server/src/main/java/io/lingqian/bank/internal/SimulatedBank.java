package io.lingqian.bank.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.AccountEnquiry;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankException;
import io.lingqian.bank.BankOperation;
import io.lingqian.bank.BankProperties;
import io.lingqian.bank.CardBin;
import io.lingqian.bank.CardNumbers;
import io.lingqian.bank.CorporateAccount;
import io.lingqian.bank.FourElements;
import io.lingqian.bank.StatementLine;
import io.lingqian.bank.TestAccount;
import io.lingqian.bank.TestCard;
import io.lingqian.bank.VerificationChallenge;
import io.lingqian.bank.VerificationResult;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * The built-in bank: every partner bank of the BIN table, behaving as the card's {@link TestCard}
 * marker or the corporate account's {@link TestAccount} marker says. Outcomes are decided when a request arrives and become visible when the bank has
 * "finished" by the platform clock, so tests move the clock instead of waiting.
 */
@Service
@EnableConfigurationProperties(BankProperties.class)
class SimulatedBank implements BankConnector {

    private static final String SMS_PURPOSE = "bank.sim.sms_code";
    private static final String CARD_PURPOSE = "bank.sim.card_number";
    private static final String ACCOUNT_PURPOSE = "bank.sim.account_number";
    private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    private final SimulatedBankStore store;
    private final FieldCipher cipher;
    private final BankProperties settings;
    private final Clock clock;
    private final SimulatedStatementFaults faults;
    private final SecureRandom random = new SecureRandom();

    SimulatedBank(SimulatedBankStore store, FieldCipher cipher, BankProperties settings, Clock clock,
            SimulatedStatementFaults faults) {
        this.faults = faults;
        this.store = store;
        this.cipher = cipher;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Optional<CardBin> identify(String cardNumber) {
        return CardNumbers.lookup(cardNumber);
    }

    @Override
    @Transactional
    public VerificationChallenge startVerification(FourElements elements) {
        CardBin bin = validCard(elements.cardNumber());
        String phone = elements.phone() == null ? "" : elements.phone();
        if (!phone.matches("1\\d{10}") || TestCard.of(elements.cardNumber()) == TestCard.WRONG_PHONE) {
            throw new BankException(BankException.PHONE_MISMATCH,
                    "The bank refused the check: this is not the phone number reserved with the card.");
        }
        if (elements.name() == null || elements.name().isBlank()) {
            throw new BankException(BankException.PHONE_MISMATCH, "The bank refused the check: the name is missing.");
        }
        Instant now = clock.instant();
        String id = "ch_" + randomHex(12);
        String code = String.format("%06d", random.nextInt(1_000_000));
        store.insertChallenge(new SimulatedBankStore.Challenge(id, bin.bank().name(),
                CardNumbers.lastFour(elements.cardNumber()), cipher.seal(code, SMS_PURPOSE),
                settings.smsCodeAttempts(), "SENT", SimulatedBankStore.utc(now),
                SimulatedBankStore.utc(now.plus(settings.smsCodeValidity()))));
        return new VerificationChallenge(id, bin.bank(), bin.type(),
                phone.substring(0, 3) + "****" + phone.substring(7), now.plus(settings.smsCodeValidity()));
    }

    @Override
    @Transactional
    public VerificationResult confirmVerification(String challengeId, String smsCode) {
        Optional<SimulatedBankStore.Challenge> found = store.lockChallenge(challengeId);
        if (found.isEmpty() || !found.get().status().equals("SENT")) {
            return new VerificationResult(VerificationResult.Status.NOT_FOUND, 0);
        }
        SimulatedBankStore.Challenge c = found.get();
        if (!clock.instant().isBefore(c.expiresAt().toInstant())) {
            store.updateChallenge(c.id(), c.attemptsLeft(), "DEAD");
            return new VerificationResult(VerificationResult.Status.EXPIRED, 0);
        }
        String expected = cipher.open(c.smsCodeSealed(), SMS_PURPOSE);
        if (smsCode != null && MessageDigest.isEqual(expected.getBytes(), smsCode.strip().getBytes())) {
            store.updateChallenge(c.id(), c.attemptsLeft(), "VERIFIED");
            return new VerificationResult(VerificationResult.Status.VERIFIED, c.attemptsLeft());
        }
        int left = c.attemptsLeft() - 1;
        store.updateChallenge(c.id(), left, left <= 0 ? "DEAD" : "SENT");
        return new VerificationResult(left <= 0 ? VerificationResult.Status.TOO_MANY_ATTEMPTS
                : VerificationResult.Status.WRONG_CODE, Math.max(left, 0));
    }

    @Override
    public Optional<String> sandboxSmsCode(String challengeId) {
        if (!settings.exposeSmsCodes()) {
            return Optional.empty();
        }
        return store.challenge(challengeId).filter(c -> c.status().equals("SENT"))
                .map(c -> cipher.open(c.smsCodeSealed(), SMS_PURPOSE));
    }

    @Override
    public BankOperation debit(String operationId, String cardNumber, long amountFen) {
        return operate(operationId, BankOperation.Kind.DEBIT, cardNumber, amountFen);
    }

    @Override
    public BankOperation credit(String operationId, String cardNumber, long amountFen) {
        return operate(operationId, BankOperation.Kind.CREDIT, cardNumber, amountFen);
    }

    private BankOperation operate(String operationId, BankOperation.Kind kind, String cardNumber, long amountFen) {
        checkRequest(operationId, amountFen);
        CardBin bin = validCard(cardNumber);
        String cardIndex = cipher.blindIndex(CardNumbers.normalize(cardNumber), CARD_PURPOSE);
        return submit(operationId, kind, amountFen, cardIndex,
                () -> decide(operationId, kind, bin, cardNumber, cardIndex, amountFen));
    }

    @Override
    public AccountEnquiry enquireAccount(CorporateAccount account) {
        validAccount(account);
        return switch (TestAccount.of(account.digits())) {
            case NAME_MISMATCH -> new AccountEnquiry(AccountEnquiry.Status.NAME_MISMATCH,
                    "The account is held under another name.");
            case CLOSED -> new AccountEnquiry(AccountEnquiry.Status.CLOSED, "The account has been closed.");
            default -> new AccountEnquiry(AccountEnquiry.Status.MATCHES, "The account is open and the name matches.");
        };
    }

    @Override
    public BankOperation payToAccount(String operationId, PartnerBank payingBank, CorporateAccount payee,
            long amountFen) {
        checkRequest(operationId, amountFen);
        validAccount(payee);
        // The holder is part of the instruction: the same id with another name is another payment.
        String accountIndex = cipher.blindIndex(payee.bank().name() + ":" + payee.digits() + ":"
                + payee.holderName().strip(), ACCOUNT_PURPOSE);
        return submit(operationId, BankOperation.Kind.ACCOUNT_CREDIT, amountFen, accountIndex,
                () -> decideAccountPayment(operationId, payingBank, payee, accountIndex, amountFen));
    }

    private static void checkRequest(String operationId, long amountFen) {
        if (operationId == null || operationId.isBlank() || operationId.length() > 64) {
            throw new IllegalArgumentException("an operation id is 1-64 characters");
        }
        if (amountFen <= 0) {
            throw new IllegalArgumentException("an amount is positive");
        }
    }

    /** Stores a new operation as decided, or answers with the one stored under its id. */
    private BankOperation submit(String operationId, BankOperation.Kind kind, long amountFen, String index,
            Supplier<SimulatedBankStore.Operation> decide) {
        Optional<SimulatedBankStore.Operation> existing = store.operation(operationId);
        if (existing.isEmpty()) {
            SimulatedBankStore.Operation decided = decide.get();
            try {
                if (store.insertOperation(decided)) {
                    return view(decided, BankOperation.Status.valueOf(decided.firstAnswer()));
                }
            } catch (DuplicateKeyException raced) {
                // the same id arrived twice at once: answer with the one that was stored
            }
            existing = store.operation(operationId);
        }
        SimulatedBankStore.Operation o = existing.orElseThrow();
        if (!o.kind().equals(kind.name()) || o.amountFen() != amountFen || !o.cardIndex().equals(index)) {
            throw new BankException(BankException.OPERATION_MISMATCH,
                    "Operation " + operationId + " was sent before with another card, account, amount or direction.");
        }
        return current(o);
    }

    private SimulatedBankStore.Operation decide(String id, BankOperation.Kind kind, CardBin bin, String cardNumber,
            String cardIndex, long amountFen) {
        // the database keeps microseconds: an answer must read the same now as when asked again
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Decision d = switch (TestCard.of(cardNumber)) {
            case INSUFFICIENT_FUNDS -> kind == BankOperation.Kind.DEBIT
                    ? Decision.fails(now, BankOperation.INSUFFICIENT_FUNDS) : Decision.succeeds(now);
            case CARD_FROZEN -> Decision.fails(now, BankOperation.CARD_FROZEN);
            case TIMEOUT_THEN_SUCCEEDS -> Decision.timesOutThenSucceeds(now, settings.timeoutResolvesAfter());
            case TIMEOUT_THEN_FAILS -> Decision.timesOutThenFails(now, settings.timeoutResolvesAfter());
            case SLOW -> Decision.slow(now, settings.slowCompletesAfter());
            case CANCELLED_AFTER_PAYING -> kind == BankOperation.Kind.DEBIT
                    ? Decision.succeeds(now) : Decision.fails(now, BankOperation.CARD_CANCELLED);
            case SLOW_CREDITS -> kind == BankOperation.Kind.DEBIT
                    ? Decision.succeeds(now) : Decision.slow(now, settings.slowCompletesAfter());
            default -> Decision.succeeds(now);
        };
        return d.operation(id, kind.name(), bin.bank().name(), cardIndex, CardNumbers.lastFour(cardNumber), amountFen);
    }

    private SimulatedBankStore.Operation decideAccountPayment(String id, PartnerBank payingBank,
            CorporateAccount payee, String accountIndex, long amountFen) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Decision d = switch (TestAccount.of(payee.digits())) {
            case NAME_MISMATCH -> Decision.fails(now, BankOperation.ACCOUNT_NAME_MISMATCH);
            case CLOSED -> Decision.fails(now, BankOperation.ACCOUNT_CLOSED);
            case FROZEN -> Decision.fails(now, BankOperation.ACCOUNT_FROZEN);
            case TIMEOUT_THEN_SUCCEEDS -> Decision.timesOutThenSucceeds(now, settings.timeoutResolvesAfter());
            case TIMEOUT_THEN_FAILS -> Decision.timesOutThenFails(now, settings.timeoutResolvesAfter());
            default -> Decision.succeeds(now);
        };
        return d.operation(id, BankOperation.Kind.ACCOUNT_CREDIT.name(), payingBank.name(), accountIndex,
                payee.lastFour(), amountFen);
    }

    /**
     * What the simulated bank does with an operation: its first answer, the outcome it settles on,
     * the failure code of a failed one, and when the outcome becomes known.
     */
    private record Decision(BankOperation.Status firstAnswer, String outcome, String failureCode, Instant now,
                            Instant completes) {

        static Decision succeeds(Instant now) {
            return new Decision(BankOperation.Status.SUCCEEDED, "SUCCEEDED", null, now, now);
        }

        static Decision fails(Instant now, String failureCode) {
            return new Decision(BankOperation.Status.FAILED, "FAILED", failureCode, now, now);
        }

        static Decision timesOutThenSucceeds(Instant now, Duration after) {
            return new Decision(BankOperation.Status.UNKNOWN, "SUCCEEDED", null, now, now.plus(after));
        }

        static Decision timesOutThenFails(Instant now, Duration after) {
            return new Decision(BankOperation.Status.UNKNOWN, "FAILED", BankOperation.BANK_SYSTEM_ERROR, now,
                    now.plus(after));
        }

        static Decision slow(Instant now, Duration after) {
            return new Decision(BankOperation.Status.PROCESSING, "SUCCEEDED", null, now, now.plus(after));
        }

        SimulatedBankStore.Operation operation(String id, String kind, String bank, String index, String lastFour,
                                               long amountFen) {
            return new SimulatedBankStore.Operation(id, kind, bank, index, lastFour, amountFen, firstAnswer.name(),
                    outcome, failureCode, SimulatedBankStore.utc(now), SimulatedBankStore.utc(completes));
        }
    }

    @Override
    public Optional<BankOperation> query(String operationId) {
        return store.operation(operationId).map(this::current);
    }

    /** What the bank says now: the outcome once it has finished, PROCESSING before. */
    private BankOperation current(SimulatedBankStore.Operation o) {
        boolean finished = !clock.instant().isBefore(o.completesAt().toInstant());
        return view(o, finished ? BankOperation.Status.valueOf(o.outcome()) : BankOperation.Status.PROCESSING);
    }

    private static BankOperation view(SimulatedBankStore.Operation o, BankOperation.Status status) {
        boolean failed = status == BankOperation.Status.FAILED;
        return new BankOperation(o.operationId(), BankOperation.Kind.valueOf(o.kind()), PartnerBank.valueOf(o.bank()),
                o.cardLast4(), o.amountFen(), status, failed ? o.failureCode() : null,
                failed ? failureMessage(o.failureCode()) : null, o.createdAt().toInstant(),
                status.isFinal() ? o.completesAt().toInstant() : null);
    }

    static String failureMessage(String code) {
        return switch (code) {
            case BankOperation.INSUFFICIENT_FUNDS -> "The card has insufficient funds.";
            case BankOperation.CARD_FROZEN -> "The card is frozen by its bank.";
            case BankOperation.CARD_CANCELLED -> "The card has been cancelled.";
            case BankOperation.BANK_SYSTEM_ERROR -> "The bank could not complete the operation.";
            case BankOperation.ACCOUNT_NAME_MISMATCH -> "The account is held under another name; the payment was returned.";
            case BankOperation.ACCOUNT_CLOSED -> "The account has been closed.";
            case BankOperation.ACCOUNT_FROZEN -> "The account is frozen by its bank.";
            default -> "The bank refused the operation.";
        };
    }

    @Override
    public List<StatementLine> statement(PartnerBank bank, LocalDate day) {
        Instant from = day.atStartOfDay(BANK_ZONE).toInstant();
        Instant until = day.plusDays(1).atStartOfDay(BANK_ZONE).toInstant();
        Instant now = clock.instant();
        return faults.apply(store.completedBetween(bank.name(), from, until.isAfter(now) ? now.plusNanos(1) : until)
                .stream()
                .map(o -> new StatementLine(o.operationId(), BankOperation.Kind.valueOf(o.kind()), o.cardLast4(),
                        o.amountFen(), BankOperation.Status.valueOf(o.outcome()), o.failureCode(),
                        o.completesAt().toInstant()))
                .toList());
    }

    private static CardBin validCard(String cardNumber) {
        Optional<String> problem = CardNumbers.problem(cardNumber);
        if (problem.isPresent()) {
            throw new BankException(BankException.INVALID_CARD, problem.get());
        }
        return CardNumbers.lookup(cardNumber).orElseThrow();
    }

    private static void validAccount(CorporateAccount account) {
        Optional<String> problem = account == null ? Optional.of("No account given.") : account.problem();
        if (problem.isPresent()) {
            throw new BankException(BankException.INVALID_ACCOUNT, problem.get());
        }
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
