package io.lingqian.wallet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankException;
import io.lingqian.bank.CardBin;
import io.lingqian.bank.CardNumbers;
import io.lingqian.bank.CardType;
import io.lingqian.bank.FourElements;
import io.lingqian.bank.VerificationChallenge;
import io.lingqian.bank.VerificationResult;
import io.lingqian.platform.crypto.FieldCipher;
import io.lingqian.wallet.internal.CardStore;
import io.lingqian.wallet.internal.DeviceStore;
import io.lingqian.wallet.internal.IdentityStore;
import io.lingqian.wallet.internal.SecurityStore;

/**
 * Four-element checks through the bank: binding a card (the first binding also verifies the user's
 * real name and links them to an identity), and re-verifying an identity to reset the payment
 * password or to move the hardware lock to another device. Each is started (the bank sends an SMS
 * code) and then confirmed with that code.
 */
@Service
@EnableConfigurationProperties(WalletProperties.class)
public class Verifications {

    static final String CARD_PURPOSE = "wallet.card_number";
    static final String CARD_INDEX = "wallet.card_number";
    static final String PHONE_PURPOSE = "wallet.reserved_phone";
    static final String NAME_PURPOSE = "wallet.real_name";
    static final String ID_PURPOSE = "wallet.id_number";
    static final String ID_INDEX = "wallet.id_number";

    /** What a confirmed check did: the card it bound, for a binding. */
    public record Confirmed(Verification.Purpose purpose, Optional<BankCard> card) {
    }

    private final BankConnector bank;
    private final FieldCipher cipher;
    private final CardStore cards;
    private final IdentityStore identities;
    private final SecurityStore security;
    private final DeviceStore devices;
    private final WalletProperties settings;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RiskCheck> risk;
    private final SecureRandom random = new SecureRandom();

    Verifications(BankConnector bank, FieldCipher cipher, CardStore cards, IdentityStore identities,
            SecurityStore security, DeviceStore devices, WalletProperties settings, PasswordEncoder passwords,
            TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events,
            ObjectProvider<RiskCheck> risk) {
        this.events = events;
        this.risk = risk;
        this.bank = bank;
        this.cipher = cipher;
        this.cards = cards;
        this.identities = identities;
        this.security = security;
        this.devices = devices;
        this.settings = settings;
        this.passwords = passwords;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Starts binding a card. A user not yet verified gives name and ID number, which the bank's check
     * then verifies; a verified user may leave them out (their identity's are used) and may not give
     * others: one account has one identity.
     */
    public Verification startBinding(long userId, String deviceId, String name, String idNumber, String cardNumber,
            String phone) {
        String card = CardNumbers.normalize(cardNumber);
        CardNumbers.problem(card).ifPresent(problem -> {
            throw WalletProblems.invalid("invalid_card", problem);
        });
        if (!WalletUsers.isMobileNumber(phone)) {
            throw WalletProblems.invalid("invalid_phone", "The reserved phone is an 11-digit mobile number starting with 1.");
        }
        CardBin bin = CardNumbers.lookup(card).orElseThrow();
        Optional<IdentityStore.Row> identity = identities.identityOf(userId).flatMap(identities::byId);
        String realName;
        String id;
        if (identity.isPresent()) {
            realName = cipher.open(identity.get().nameSealed(), NAME_PURPOSE);
            id = cipher.open(identity.get().idNumberSealed(), ID_PURPOSE);
            boolean otherId = idNumber != null && !idNumber.isBlank() && !ResidentId.normalize(idNumber).equals(id);
            boolean otherName = name != null && !name.isBlank() && !name.strip().equals(realName);
            if (otherId || otherName) {
                throw WalletProblems.refused("identity_mismatch",
                        "This account is verified as another person; a card must be in the holder's own name.");
            }
        } else {
            if (name == null || name.isBlank() || name.strip().length() > 50) {
                throw WalletProblems.invalid("invalid_name", "Give the name on your resident ID (1-50 characters).");
            }
            ResidentId.problem(idNumber, LocalDate.now(clock)).ifPresent(problem -> {
                throw WalletProblems.invalid("invalid_id_number", problem);
            });
            realName = name.strip();
            id = ResidentId.normalize(idNumber);
            identities.byIndex(cipher.blindIndex(id, ID_INDEX)).ifPresent(existing -> {
                if (identities.usersOf(existing.id()) >= settings.cards().maxUsersPerIdentity()) {
                    throw WalletProblems.refused("identity_user_limit", "This ID number already backs "
                            + settings.cards().maxUsersPerIdentity() + " wallets, the most allowed.");
                }
            });
        }
        String cardIndex = cipher.blindIndex(card, CARD_INDEX);
        checkCardLimits(userId, cardIndex);
        risk.getObject().check(new RiskCheck.Attempt(RiskCheck.Action.CARD_BINDING, null, userId, deviceId, 0, null, null,
                null, cardIndex, false));
        return start(userId, deviceId, Verification.Purpose.BIND_CARD, new FourElements(realName, id, card, phone), bin,
                cardIndex);
    }

    /**
     * Starts re-verifying the identity with one of the user's bound cards: the user types their ID
     * number, the bank checks it with the card's other elements and sends an SMS code.
     */
    public Verification startReverification(long userId, String deviceId, Verification.Purpose purpose, long cardId,
            String idNumber) {
        if (purpose == Verification.Purpose.BIND_CARD) {
            throw new IllegalArgumentException("binding is started with startBinding");
        }
        IdentityStore.Row identity = identities.identityOf(userId).flatMap(identities::byId)
                .orElseThrow(() -> WalletProblems.refused("not_verified", "Verify your real name first."));
        if (idNumber == null || !cipher.blindIndex(ResidentId.normalize(idNumber), ID_INDEX)
                .equals(identity.idNumberIndex())) {
            throw WalletProblems.refused("identity_mismatch", "This is not the ID number this wallet is verified with.");
        }
        CardStore.Card card = cards.boundCard(userId, cardId).orElseThrow(() -> WalletProblems.notFound("card"));
        String number = cipher.open(card.cardSealed(), CARD_PURPOSE);
        FourElements elements = new FourElements(cipher.open(identity.nameSealed(), NAME_PURPOSE),
                cipher.open(identity.idNumberSealed(), ID_PURPOSE), number, cipher.open(card.phoneSealed(), PHONE_PURPOSE));
        return start(userId, deviceId, purpose, elements, CardNumbers.lookup(number).orElseThrow(), card.cardIndex());
    }

    private Verification start(long userId, String deviceId, Verification.Purpose purpose, FourElements elements,
            CardBin bin, String cardIndex) {
        VerificationChallenge challenge;
        try {
            challenge = bank.startVerification(elements);
        } catch (BankException e) {
            throw e.code().equals(BankException.INVALID_CARD) ? WalletProblems.invalid("invalid_card", e.getMessage())
                    : WalletProblems.refused("bank_refused", e.getMessage());
        }
        Instant now = clock.instant();
        Instant expires = now.plus(settings.cards().verificationValidity());
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = "vf_" + HexFormat.of().formatHex(idBytes);
        cards.insertCheck(new CardStore.Check(id, userId, purpose.name(), challenge.challengeId(), bin.bank().name(),
                bin.type().name(), CardNumbers.lastFour(elements.cardNumber()),
                cipher.seal(elements.cardNumber(), CARD_PURPOSE), cardIndex, cipher.seal(elements.name(), NAME_PURPOSE),
                cipher.seal(elements.idNumber(), ID_PURPOSE), cipher.seal(elements.phone(), PHONE_PURPOSE),
                challenge.maskedPhone(), deviceId, "PENDING", utc(now), utc(expires)));
        return new Verification(id, purpose, bin.bank(), bin.type(), CardNumbers.lastFour(elements.cardNumber()),
                challenge.maskedPhone(), expires, bank.sandboxSmsCode(challenge.challengeId()).orElse(null));
    }

    /**
     * Confirms a check with the SMS code and does what it was for. A reset of the payment password
     * carries the new password, checked before the code is spent.
     */
    public Confirmed confirm(long userId, String verificationId, String smsCode, String newPaymentPassword) {
        CardStore.Check check = transaction.execute(status -> cards.lockCheck(verificationId, userId))
                .orElseThrow(() -> WalletProblems.notFound("verification"));
        if (!check.status().equals("PENDING")) {
            throw WalletProblems.conflict("verification_closed", "This verification is finished; start a new one.");
        }
        if (!clock.instant().isBefore(check.expiresAt().toInstant())) {
            throw WalletProblems.refused("verification_expired", "This verification has expired; start a new one.");
        }
        Verification.Purpose purpose = Verification.Purpose.valueOf(check.purpose());
        if (purpose == Verification.Purpose.RESET_PASSWORD) {
            PaymentSecurity.checkNewPassword(newPaymentPassword);
        }
        if (smsCode == null || !smsCode.strip().matches("\\d{6}")) {
            throw WalletProblems.invalid("invalid_sms_code", "The SMS code is 6 digits.");
        }
        // The bank counts the attempt in its own transaction, so a wrong code is counted even though
        // this request is refused.
        VerificationResult result = bank.confirmVerification(check.challengeId(), smsCode.strip());
        if (!result.verified()) {
            if (result.status() != VerificationResult.Status.WRONG_CODE) {
                transaction.executeWithoutResult(status -> cards.checkStatus(check.id(), "FAILED"));
            }
            throw switch (result.status()) {
                case WRONG_CODE -> WalletProblems.refused("wrong_sms_code",
                        "Wrong SMS code; " + result.attemptsLeft() + " attempts left.");
                case EXPIRED -> WalletProblems.refused("verification_expired", "The SMS code has expired; start again.");
                default -> WalletProblems.refused("verification_failed", "Too many wrong codes; start again.");
            };
        }
        return transaction.execute(status -> {
            CardStore.Check locked = cards.lockCheck(check.id(), userId).orElseThrow();
            if (!locked.status().equals("PENDING")) {
                throw WalletProblems.conflict("verification_closed", "This verification is finished.");
            }
            cards.checkStatus(check.id(), "CONFIRMED");
            events.publishEvent(new WalletSecurityEvent(switch (purpose) {
                case BIND_CARD -> WalletSecurityEvent.Kind.CARD_BOUND;
                case RESET_PASSWORD -> WalletSecurityEvent.Kind.PASSWORD_RESET;
                case TRUST_DEVICE -> WalletSecurityEvent.Kind.DEVICE_TRUSTED;
            }, userId, locked.deviceId(), purpose == Verification.Purpose.BIND_CARD ? "card •••• " + locked.last4()
                    : locked.deviceId() == null ? "" : "device " + locked.deviceId(), clock.instant()));
            return switch (purpose) {
                case BIND_CARD -> new Confirmed(purpose, Optional.of(bind(userId, locked)));
                case RESET_PASSWORD -> {
                    security.ensure(userId, clock.instant());
                    security.setPassword(userId, passwords.encode(newPaymentPassword), clock.instant());
                    yield new Confirmed(purpose, Optional.empty());
                }
                case TRUST_DEVICE -> {
                    if (locked.deviceId() == null) {
                        throw WalletProblems.invalid("device_required", "Say which device to trust (X-Device-Id).");
                    }
                    security.ensure(userId, clock.instant());
                    security.hardwareLock(userId, security.get(userId).hardwareLock(), locked.deviceId(), clock.instant());
                    // codes shown on the old device stop working
                    devices.revokeCodes(userId);
                    yield new Confirmed(purpose, Optional.empty());
                }
            };
        });
    }

    private BankCard bind(long userId, CardStore.Check check) {
        Instant now = clock.instant();
        identities.lockUser(userId);
        String idNumber = cipher.open(check.idNumberSealed(), ID_PURPOSE);
        String idIndex = cipher.blindIndex(idNumber, ID_INDEX);
        Optional<Long> current = identities.identityOf(userId);
        long identityId;
        if (current.isPresent()) {
            identityId = current.get();
        } else {
            String name = cipher.open(check.nameSealed(), NAME_PURPOSE);
            identityId = identities.byIndex(idIndex).map(IdentityStore.Row::id).orElseGet(() -> identities.insert(
                    idIndex, cipher.seal(idNumber, ID_PURPOSE), cipher.seal(name, NAME_PURPOSE),
                    ResidentId.maskName(name), ResidentId.mask(idNumber), now));
            if (identities.usersOf(identityId) >= settings.cards().maxUsersPerIdentity()) {
                throw WalletProblems.refused("identity_user_limit", "This ID number backs the most wallets allowed.");
            }
            identities.linkUser(userId, identityId, now);
        }
        identities.addChannel(identityId, check.bank(), now);
        checkCardLimits(userId, check.cardIndex());
        boolean first = cards.bound(userId).isEmpty();
        long cardId = cards.insert(userId, check.bank(), check.cardType(), check.last4(), check.cardSealed(),
                check.cardIndex(), check.phoneSealed(), check.maskedPhone(), first, now);
        return new BankCard(cardId, PartnerBank.valueOf(check.bank()), CardType.valueOf(check.cardType()), check.last4(),
                check.maskedPhone(), first, now);
    }

    /** Whether the wallet is verified with this resident ID number (for an identity check without signing in). */
    public boolean identityMatches(long userId, String idNumber) {
        if (idNumber == null || idNumber.isBlank()) {
            return false;
        }
        String index = cipher.blindIndex(ResidentId.normalize(idNumber), ID_INDEX);
        return identities.identityOf(userId).flatMap(identities::byId)
                .map(identity -> identity.idNumberIndex().equals(index)).orElse(false);
    }

    /**
     * Whether the wallet is verified under exactly this real name (for a merchant's name check before
     * paying the user); false for a user who has not verified one.
     */
    public boolean realNameIs(long userId, String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        return identities.identityOf(userId).flatMap(identities::byId)
                .map(identity -> cipher.open(identity.nameSealed(), NAME_PURPOSE).equals(name.strip())).orElse(false);
    }

    private void checkCardLimits(long userId, String cardIndex) {
        var bound = cards.bound(userId);
        if (bound.stream().anyMatch(c -> c.cardIndex().equals(cardIndex))) {
            throw WalletProblems.conflict("card_already_bound", "This card is bound to your wallet already.");
        }
        if (bound.size() >= settings.cards().maxCardsPerUser()) {
            throw WalletProblems.refused("card_limit", "A wallet binds at most " + settings.cards().maxCardsPerUser()
                    + " cards; unbind one first.");
        }
        if (cards.otherUsersWith(cardIndex, userId) >= settings.cards().maxUsersPerCard()) {
            throw WalletProblems.refused("card_user_limit", "This card is bound to "
                    + settings.cards().maxUsersPerCard() + " wallets already, the most allowed.");
        }
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }
}
