package io.lingqian.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.Bill;
import io.lingqian.wallet.CardChargeStatus;
import io.lingqian.wallet.CardCharges;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletHistory;
import io.lingqian.wallet.WalletJobs;

/**
 * Paying a merchant with a bound card (快捷支付): the bank takes the money and the merchant is paid
 * in the same transaction; a declined card pays nothing; a bank that answers late leaves the order
 * unpaid and the money, once taken, in the balance; nothing is ever taken twice.
 */
@ServerTest
class CardPaymentTests {

    @Autowired
    TestMerchants merchants;
    @Autowired
    TestPayers payers;
    @Autowired
    MerchantApps apps;
    @Autowired
    PaymentOrders orders;
    @Autowired
    Cashier cashier;
    @Autowired
    CardCharges cardCharges;
    @Autowired
    WalletHistory history;
    @Autowired
    WalletJobs walletJobs;
    @Autowired
    PaymentSecurity security;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    AdjustableClock clock;

    TestMerchants.ApprovedMerchant merchant;
    String appid;

    @BeforeEach
    void merchantWithApp() {
        merchant = merchants.approved();
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Card shop", List.of()).app().appid();
    }

    @Test
    void aCardPaysTheMerchantWithoutTouchingTheBalance() {
        TestPayers.Payer payer = payers.withBalance(10_00);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.ICBC, CardType.CREDIT);
        PaymentOrder order = prepay(250_00);
        long reserveBefore = debitBalance(PlatformAccount.bankReserve(PartnerBank.ICBC).id());

        PaymentReceipt receipt = cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD,
                card);

        assertThat(receipt.payerTotalFen()).isEqualTo(250_00);
        // 0.6 % of 250.00 is 1.50.
        assertThat(creditBalance(accounts.openMerchantSettlement(merchant.id()))).isEqualTo(250_00 - 1_50);
        assertThat(creditBalance(accounts.openWallet(payer.id()))).isEqualTo(10_00);
        assertThat(debitBalance(PlatformAccount.bankReserve(PartnerBank.ICBC).id()) - reserveBefore).isEqualTo(250_00);
        PaymentOrder paid = orders.byOutTradeNo(merchant.id(), order.outTradeNo());
        assertThat(paid.tradeState()).isEqualTo(TradeState.SUCCESS);
        assertThat(paid.fundingCardId()).isEqualTo(card);
        assertThat(paid.bankType()).isEqualTo("ICBC_CREDIT");
        assertThat(cardCharges.charges(payer.id())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CardChargeStatus.SPENT));
        // The bill list shows the card paying in and the payment going out.
        List<Bill> bills = history.bills(payer.id(), null, null);
        assertThat(bills).anySatisfy(b -> {
            assertThat(b.kind()).isEqualTo("CARD_FUNDING");
            assertThat(b.amountFen()).isEqualTo(250_00);
            assertThat(b.counterparty()).contains(PartnerBank.ICBC.displayName());
        });
        assertThat(bills).anySatisfy(b -> {
            assertThat(b.reference()).isEqualTo("payment:" + order.transactionId());
            assertThat(b.amountFen()).isEqualTo(-250_00);
        });

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, card),
                "order_paid");
        assertThat(debitBalance(PlatformAccount.bankReserve(PartnerBank.ICBC).id()) - reserveBefore).isEqualTo(250_00);
    }

    @Test
    void aDeclinedCardPaysNothingAndAnotherCardMayPayTheOrderAfter() {
        TestPayers.Payer payer = payers.withBalance(0);
        long frozen = payers.bindCard(payer, TestCard.CARD_FROZEN, PartnerBank.ABC, CardType.DEBIT);
        long good = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.ABC, CardType.DEBIT);
        PaymentOrder order = prepay(12_00);
        long settlement = accounts.openMerchantSettlement(merchant.id());

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD,
                frozen), "card_declined");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertThat(creditBalance(settlement)).isZero();
        assertThat(cardCharges.charges(payer.id())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CardChargeStatus.FAILED));

        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, good);
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).fundingCardId()).isEqualTo(good);
        assertThat(cardCharges.charges(payer.id())).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CardChargeStatus.SPENT);
            assertThat(c.cardId()).isEqualTo(good);
            assertThat(c.attempt()).isEqualTo(2);
        });
        assertThat(creditBalance(settlement)).isEqualTo(12_00 - 7);
    }

    @Test
    void aBankThatAnswersLateLeavesTheOrderUnpaidAndTheMoneyInTheBalance() {
        TestPayers.Payer payer = payers.withBalance(0);
        long slow = payers.bindCard(payer, TestCard.TIMEOUT_THEN_SUCCEEDS, PartnerBank.CITIC, CardType.DEBIT);
        PaymentOrder order = prepay(30_00);
        long wallet = accounts.openWallet(payer.id());

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, slow),
                "card_processing");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        // Until the bank answers, the same payment cannot be tried again with a card.
        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, slow),
                "card_charge_exists");

        clock.advance(Duration.ofMinutes(10));
        assertThat(walletJobs.settleUnknownOutcomes().cardCharges()).isEqualTo(1);
        assertThat(cardCharges.charges(payer.id())).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CardChargeStatus.TO_BALANCE));
        assertThat(creditBalance(wallet)).isEqualTo(30_00);
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);

        // Settling again takes nothing twice; the balance now pays the order.
        walletJobs.settleUnknownOutcomes();
        assertThat(creditBalance(wallet)).isEqualTo(30_00);
        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD);
        assertThat(creditBalance(wallet)).isZero();
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).bankType()).isNull();
    }

    @Test
    void withoutThePasswordACardPaysOnlyWithinThePasswordFreeSetting() {
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CCB, CardType.DEBIT);
        security.passwordFree(payer.id(), true, 50_00);
        PaymentOrder large = prepay(80_00);

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), large.prepayId(), null, card),
                "password_required");
        assertThat(cardCharges.charges(payer.id())).isEmpty();

        PaymentOrder small = prepay(20_00);
        cashier.pay(payer.id(), payer.deviceId(), small.prepayId(), null, card);
        assertThat(orders.byOutTradeNo(merchant.id(), small.outTradeNo()).tradeState()).isEqualTo(TradeState.SUCCESS);
    }

    @Test
    void aCardOfAnotherUserCannotPay() {
        TestPayers.Payer payer = payers.withBalance(0);
        TestPayers.Payer other = payers.withBalance(0);
        long othersCard = payers.bindCard(other, TestCard.ALWAYS_SUCCEEDS, PartnerBank.CMB, CardType.DEBIT);
        PaymentOrder order = prepay(5_00);

        assertRefused(() -> cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD,
                othersCard), "not_found");
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.NOTPAY);
        assertThat(cardCharges.charges(other.id())).isEmpty();
    }

    private void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblemException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private PaymentOrder prepay(long totalFen) {
        String outTradeNo = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Card goods",
                outTradeNo, null, null, "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null,
                UUID.randomUUID().toString()));
    }

    private long creditBalance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().creditBalance();
    }

    private long debitBalance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().debitBalance();
    }
}
