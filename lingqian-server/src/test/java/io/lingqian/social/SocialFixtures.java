package io.lingqian.social;

import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.ResidentId;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletUser;

/** People for the social tests: plain users, and verified ones with a payment password and a balance. */
@Component
public class SocialFixtures {

    public static final String PAY_PASSWORD = "284619";
    public static final String DEVICE = "test-device";

    private final TestUsers users;
    private final Verifications verifications;
    private final PaymentSecurity security;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final Contacts contacts;

    SocialFixtures(TestUsers users, Verifications verifications, PaymentSecurity security, Ledger ledger,
            CustomerAccounts accounts, Contacts contacts) {
        this.users = users;
        this.verifications = verifications;
        this.security = security;
        this.ledger = ledger;
        this.accounts = accounts;
        this.contacts = contacts;
    }

    public WalletUser user() {
        return users.walletUser();
    }

    /** A user verified with one card (Class I), payment password set, and this balance topped up. */
    public WalletUser payer(long balanceFen) {
        WalletUser u = users.walletUser();
        Verification v = verifications.startBinding(u.id(), DEVICE, "Li Lei", residentId(),
                TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, new Random()), "13900001111");
        verifications.confirm(u.id(), v.id(), v.sandboxSmsCode(), null);
        security.setPassword(u.id(), DEVICE, null, PAY_PASSWORD);
        if (balanceFen > 0) {
            fund(u.id(), balanceFen);
        }
        return u;
    }

    public void fund(long userId, long fen) {
        ledger.createTransfer(TransferRequest.single("test:topup:" + UUID.randomUUID(),
                PlatformAccount.bankReserve(PartnerBank.CMB).id(), accounts.openWallet(userId), fen, Ledger.CNY,
                TransferCode.TOPUP.code(), "test:topup")).orThrow();
    }

    public long balance(long userId) {
        return ledger.account(accounts.openWallet(userId)).orElseThrow().balances().creditBalance();
    }

    public long available(long userId) {
        return ledger.account(accounts.openWallet(userId)).orElseThrow().balances().availableCredit();
    }

    public void befriend(WalletUser owner, WalletUser other) {
        contacts.add(owner.id(), other.mobile());
    }

    static String residentId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(20_000));
        String first = "110105" + birth.toString().replace("-", "") + String.format("%03d", r.nextInt(1000));
        return first + ResidentId.checkCharacter(first);
    }
}
