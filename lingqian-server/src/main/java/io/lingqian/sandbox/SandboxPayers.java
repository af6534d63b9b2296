package io.lingqian.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Random;

import org.springframework.stereotype.Service;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.crypto.FieldCipher;
import io.lingqian.sandbox.SandboxRefusal.Reason;
import io.lingqian.sandbox.internal.SandboxStore;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.ResidentId;
import io.lingqian.wallet.TopUp;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/**
 * The test payer the platform keeps for each merchant with the sandbox on: an ordinary, verified
 * wallet user with a card at the simulated bank, made the first time it is needed. It pays the
 * merchant's orders through the wallet's own cashier (the same hooks, limits, fee, ledger batch and
 * TRANSACTION.SUCCESS notification as any payer), topping its balance up from its card by what the
 * order needs, so a merchant developer can complete a payment without a person at a wallet.
 *
 * <p>Its payment password is random, sealed with the platform's field cipher, and only ever used by
 * this class; nobody can sign in as the test payer (its login password is random and discarded).
 */
@Service
public class SandboxPayers {

    private static final String SEALING_PURPOSE = "sandbox_merchant.payer_password";
    private static final String RESERVED_PHONE = "13900000000";

    private final Sandbox sandbox;
    private final SandboxStore store;
    private final MerchantAccounts merchants;
    private final MerchantApps apps;
    private final OpenIds openIds;
    private final WalletUsers walletUsers;
    private final Verifications verifications;
    private final PaymentSecurity security;
    private final TopUps topUps;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final PaymentOrders orders;
    private final Cashier cashier;
    private final FieldCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SandboxPayers(Sandbox sandbox, SandboxStore store, MerchantAccounts merchants, MerchantApps apps, OpenIds openIds,
            WalletUsers walletUsers, Verifications verifications, PaymentSecurity security, TopUps topUps,
            CustomerAccounts accounts, Ledger ledger, PaymentOrders orders, Cashier cashier, FieldCipher cipher,
            Clock clock) {
        this.sandbox = sandbox;
        this.store = store;
        this.merchants = merchants;
        this.apps = apps;
        this.openIds = openIds;
        this.walletUsers = walletUsers;
        this.verifications = verifications;
        this.security = security;
        this.topUps = topUps;
        this.accounts = accounts;
        this.ledger = ledger;
        this.orders = orders;
        this.cashier = cashier;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The test payer's openid under one of the merchant's apps: what a JSAPI order it should pay names
     * as {@code payer.openid}.
     *
     * @throws SandboxRefusal {@code OFF}; {@code NOT_FOUND} for an appid that is not the merchant's
     */
    public String openid(long merchantId, String appid) {
        sandbox.requireActive(merchantId);
        if (apps.appOf(merchantId, appid).isEmpty()) {
            throw new SandboxRefusal(Reason.NOT_FOUND, "appid " + appid + " is not an app of this merchant");
        }
        return openIds.openidOf(appid, payer(merchantId).userId());
    }

    /** The merchant's test payer's wallet user id, made now if it does not exist yet. */
    public long payerUserId(long merchantId) {
        sandbox.requireActive(merchantId);
        return payer(merchantId).userId();
    }

    /**
     * Pays the merchant's unpaid order as the test payer: a NOTPAY order (a JSAPI one only if it names
     * the test payer's openid) or one a rule left waiting for the test payer (USERPAYING).
     *
     * @return the order, paid
     * @throws SandboxRefusal {@code OFF}; {@code NOT_FOUND} (no such order of this merchant);
     *         {@code WRONG_STATE} (paid, closed, failed, or waiting for another payer), or the cashier's
     *         refusal (e.g. the order expired) in its words
     */
    public PaymentOrder pay(long merchantId, String outTradeNo) {
        sandbox.requireActive(merchantId);
        PaymentOrder order;
        try {
            order = orders.byOutTradeNo(merchantId, outTradeNo);
        } catch (PaymentRefusal notFound) {
            throw new SandboxRefusal(Reason.NOT_FOUND, "order " + outTradeNo + " does not exist");
        }
        SandboxStore.Payer payer = payer(merchantId);
        boolean payable = order.tradeState() == TradeState.NOTPAY && order.tradeType() != TradeType.MICROPAY
                || order.tradeState() == TradeState.USERPAYING && Long.valueOf(payer.userId()).equals(order.payerUserId());
        if (!payable) {
            throw new SandboxRefusal(Reason.WRONG_STATE, "order " + outTradeNo + " is " + order.tradeState()
                    + (order.tradeState() == TradeState.USERPAYING ? " for another payer" : "")
                    + "; only an unpaid order (or one waiting for the test payer) can be paid");
        }
        topUpFor(payer, order.totalFen(), order.transactionId());
        try {
            cashier.pay(payer.userId(), payer.deviceId(), order.prepayId(),
                    cipher.open(payer.sealedPassword(), SEALING_PURPOSE));
        } catch (ApiProblemException refused) {
            throw new SandboxRefusal(Reason.WRONG_STATE,
                    "the test payer cannot pay order " + outTradeNo + ": " + refused.code()
                            + (refused.code().equals("order_not_found") && order.tradeType() == TradeType.JSAPI
                            ? " (a JSAPI order is paid only by the payer.openid it names; name the test payer's)"
                            : " (" + refused.getMessage() + ")"));
        }
        return orders.byOutTradeNo(merchantId, outTradeNo);
    }

    /** Tops the test payer's balance up from its card by what the order needs beyond the balance. */
    private void topUpFor(SandboxStore.Payer payer, long amountFen, String transactionId) {
        long balance = ledger.account(accounts.openWallet(payer.userId())).orElseThrow().balances().creditBalance();
        if (balance >= amountFen) {
            return;
        }
        TopUp topUp = topUps.topUp(payer.userId(), payer.cardId(), amountFen - balance, "sandbox-" + transactionId);
        if (topUp.status() != MoneyStatus.SUCCEEDED) {
            throw new SandboxRefusal(Reason.WRONG_STATE, "the test payer's top-up did not succeed: " + topUp.status());
        }
    }

    private SandboxStore.Payer payer(long merchantId) {
        return store.payer(merchantId).orElseGet(() -> {
            SandboxStore.Payer made = newPayer(merchantId);
            // Two first requests at once each make a payer; the first recorded is the merchant's, the
            // other stays an unused wallet.
            store.setPayer(merchantId, made, clock.instant());
            return store.payer(merchantId).orElseThrow();
        });
    }

    /** A verified wallet user with a card of the simulated bank and a random payment password. */
    private SandboxStore.Payer newPayer(long merchantId) {
        String name = merchants.merchant(merchantId).map(Merchant::name).orElse("merchant " + merchantId);
        String mobile = "1" + String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L));
        WalletUser user = walletUsers.register(mobile, "Sandbox test payer of " + truncate(name, 40), randomText(24));
        String deviceId = "sandbox-" + randomText(16);
        String cardNumber = TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, new Random(random.nextLong()));
        Verification verification = verifications.startBinding(user.id(), deviceId, "沙箱测试", residentId(),
                cardNumber, RESERVED_PHONE);
        if (verification.sandboxSmsCode() == null) {
            throw new SandboxRefusal(Reason.WRONG_STATE, "the test payer needs the simulated bank, which this "
                    + "installation does not use");
        }
        long cardId = verifications.confirm(user.id(), verification.id(), verification.sandboxSmsCode(), null).card()
                .orElseThrow().id();
        String password = paymentPassword();
        security.setPassword(user.id(), deviceId, null, password);
        return new SandboxStore.Payer(user.id(), deviceId, cardId, cipher.seal(password, SEALING_PURPOSE));
    }

    /** Six random digits that are neither one digit repeated nor a run, as the wallet requires. */
    private String paymentPassword() {
        while (true) {
            String candidate = String.format("%06d", random.nextInt(1_000_000));
            boolean same = candidate.chars().distinct().count() == 1;
            boolean up = true;
            boolean down = true;
            for (int i = 1; i < 6; i++) {
                up &= candidate.charAt(i) == candidate.charAt(i - 1) + 1;
                down &= candidate.charAt(i) == candidate.charAt(i - 1) - 1;
            }
            if (!same && !up && !down) {
                return candidate;
            }
        }
    }

    /** A valid resident ID of a made-up adult (Beijing Chaoyang district code). */
    private String residentId() {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(12_000));
        String first = "110105" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return first + ResidentId.checkCharacter(first);
    }

    private String randomText(int length) {
        String alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
