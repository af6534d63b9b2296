package io.lingqian.wallet;

import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.testing.TestUsers;

/**
 * Wallet users ready to pay, made through the wallet's public services: registered, verified with a
 * card (Class I), a payment password set, and topped up. For tests of other contexts that need a payer.
 */
@Component
public class TestPayers {

    public static final String PAY_PASSWORD = "284619";

    /** A payer and the device it pays from. */
    public record Payer(WalletUser user, String deviceId) {

        public long id() {
            return user.id();
        }
    }

    private final TestUsers users;
    private final Verifications verifications;
    private final TopUps topUps;
    private final PaymentSecurity security;
    private final Random random = new Random();
    private final java.util.Map<Long, String> idNumbers = new java.util.concurrent.ConcurrentHashMap<>();

    TestPayers(TestUsers users, Verifications verifications, TopUps topUps, PaymentSecurity security) {
        this.security = security;
        this.users = users;
        this.verifications = verifications;
        this.topUps = topUps;
    }

    /**
     * Binds another card of the payer's (already verified) identity, behaving as {@code behaviour}
     * at the simulated bank; its wallet card id.
     */
    public long bindCard(Payer payer, TestCard behaviour, PartnerBank bank, CardType type) {
        Verification v = verifications.startBinding(payer.id(), payer.deviceId(), null, null,
                behaviour.number(bank, type, random), "13900001111");
        return verifications.confirm(payer.id(), v.id(), v.sandboxSmsCode(), null).card().orElseThrow().id();
    }

    /** The resident ID number the payer was verified with (for identity checks). */
    public String idNumberOf(Payer payer) {
        return idNumbers.get(payer.id());
    }

    /** A verified user with the payment password {@link #PAY_PASSWORD} and this balance. */
    public Payer withBalance(long balanceFen) {
        WalletUser user = users.walletUser();
        String device = "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String idNumber = WalletApiClient.randomResidentId();
        idNumbers.put(user.id(), idNumber);
        Verification v = verifications.startBinding(user.id(), device, "Zhang Wei", idNumber,
                TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, random), "13900001111");
        long cardId = verifications.confirm(user.id(), v.id(), v.sandboxSmsCode(), null).card().orElseThrow().id();
        security.setPassword(user.id(), device, null, PAY_PASSWORD);
        if (balanceFen > 0) {
            TopUp topUp = topUps.topUp(user.id(), cardId, balanceFen, "t-" + ThreadLocalRandom.current().nextLong());
            if (topUp.status() != MoneyStatus.SUCCEEDED) {
                throw new AssertionError("top-up failed: " + topUp);
            }
        }
        return new Payer(user, device);
    }
}
