package io.lingqian.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
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
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.WalletJobs;

/**
 * Refunds of card payments go back to the card through the bank (原路退回): at once when the bank
 * credits it, PROCESSING while the bank works on it, ABNORMAL when the card is gone, and then
 * re-applied by the merchant to another card of the payer or to itself. Every fen is accounted for.
 */
@ServerTest
class CardRefundTests {

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
    Refunds refunds;
    @Autowired
    WalletJobs walletJobs;
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
        appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Refund shop", List.of()).app().appid();
    }

    @Test
    void aCardPaymentIsRefundedToTheCardNotTheBalance() {
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.ALWAYS_SUCCEEDS, PartnerBank.ICBC, CardType.DEBIT);
        PaymentOrder order = paidByCard(payer, card, 100_00);
        long reserve = PlatformAccount.bankReserve(PartnerBank.ICBC).id();
        long reserveBefore = debitBalance(reserve);
        long settlementBefore = creditBalance(accounts.openMerchantSettlement(merchant.id()));

        Refund refund = refunds.refund(merchant.id(), newRefund(order, "R1-" + order.outTradeNo(), 40_00));

        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(refund.destination()).isEqualTo(RefundDestination.CARD);
        assertThat(refund.destination().userReceivedAccount()).isEqualTo("支付用户银行卡");
        // 40 % of the 60 fen fee comes back: 24 fen.
        assertThat(refund.feeRefundFen()).isEqualTo(24);
        assertThat(creditBalance(accounts.openMerchantSettlement(merchant.id())))
                .isEqualTo(settlementBefore - 40_00 + 24);
        assertThat(reserveBefore - debitBalance(reserve)).isEqualTo(40_00);
        assertThat(creditBalance(accounts.openWallet(payer.id()))).isZero();
        assertThat(ledger.transfersByReference("refund:" + refund.refundId()))
                .extracting(t -> t.id().replace(refund.refundId(), "<id>"))
                .contains("refund:<id>", "refund:<id>:hold:1", "refund:<id>:hold:1:post");
    }

    @Test
    void aSlowBankLeavesTheRefundProcessingUntilItAnswers() {
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.SLOW_CREDITS, PartnerBank.CCB, CardType.DEBIT);
        PaymentOrder order = paidByCard(payer, card, 30_00);
        long reserve = PlatformAccount.bankReserve(PartnerBank.CCB).id();
        long reserveBefore = debitBalance(reserve);

        Refund refund = refunds.refund(merchant.id(), newRefund(order, "R2-" + order.outTradeNo(), 30_00));
        assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
        // Held towards the bank, not yet gone.
        assertThat(ledger.account(reserve).orElseThrow().balances().creditsPending()).isGreaterThanOrEqualTo(30_00);

        clock.advance(Duration.ofMinutes(10));
        walletJobs.settleUnknownOutcomes();
        Refund done = refunds.byOutRefundNo(merchant.id(), refund.outRefundNo());
        assertThat(done.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(done.successTime()).isNotNull();
        assertThat(reserveBefore - debitBalance(reserve)).isEqualTo(30_00);
        assertThat(orders.byOutTradeNo(merchant.id(), order.outTradeNo()).tradeState()).isEqualTo(TradeState.REFUND);
    }

    @Test
    void aCancelledCardMakesTheRefundAbnormalAndTheMerchantSendsItToAnotherCard() {
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.CANCELLED_AFTER_PAYING, PartnerBank.ABC, CardType.DEBIT);
        PaymentOrder order = paidByCard(payer, card, 50_00);
        long abcReserve = PlatformAccount.bankReserve(PartnerBank.ABC).id();
        long abcBefore = debitBalance(abcReserve);

        Refund refund = refunds.refund(merchant.id(), newRefund(order, "R3-" + order.outTradeNo(), 50_00));
        assertThat(refund.status()).isEqualTo(RefundStatus.ABNORMAL);
        assertThat(debitBalance(abcReserve)).isEqualTo(abcBefore);

        String otherCard = TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, new Random());
        // Lingqian pays a card from its funds at the card's bank: someone topped up at CMB.
        payers.withBalance(100_00);
        long cmbReserve = PlatformAccount.bankReserve(PartnerBank.CMB).id();
        long cmbBefore = debitBalance(cmbReserve);
        Refund reapplied = refunds.reapplyAbnormal(merchant.id(), refund.refundId(), refund.outRefundNo(),
                new AbnormalRefundTarget(RefundDestination.USER_BANK_CARD, otherCard));

        assertThat(reapplied.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(reapplied.destination()).isEqualTo(RefundDestination.USER_BANK_CARD);
        assertThat(cmbBefore - debitBalance(cmbReserve)).isEqualTo(50_00);
        assertThat(ledger.transfersByReference("refund:" + refund.refundId()))
                .extracting(t -> t.id().replace(refund.refundId(), "<id>"))
                .contains("refund:<id>:hold:1:void", "refund:<id>:hold:2:post");

        // Only an ABNORMAL refund may be re-applied.
        assertThatThrownBy(() -> refunds.reapplyAbnormal(merchant.id(), refund.refundId(), refund.outRefundNo(),
                new AbnormalRefundTarget(RefundDestination.MERCHANT_BANK_CARD, null)))
                .isInstanceOfSatisfying(RefundRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(RefundRefusal.Reason.INVALID));
    }

    @Test
    void anAbnormalRefundReappliedToTheMerchantReturnsToItsSettlement() {
        TestPayers.Payer payer = payers.withBalance(0);
        long card = payers.bindCard(payer, TestCard.CANCELLED_AFTER_PAYING, PartnerBank.PAB, CardType.DEBIT);
        PaymentOrder order = paidByCard(payer, card, 20_00);
        long settlement = accounts.openMerchantSettlement(merchant.id());
        long before = creditBalance(settlement);

        Refund refund = refunds.refund(merchant.id(), newRefund(order, "R4-" + order.outTradeNo(), 20_00));
        assertThat(refund.status()).isEqualTo(RefundStatus.ABNORMAL);
        // The whole fee of 12 fen came back; the 20.00 left for the card.
        assertThat(creditBalance(settlement)).isEqualTo(before - 20_00 + 12);

        Refund reapplied = refunds.reapplyAbnormal(merchant.id(), refund.refundId(), refund.outRefundNo(),
                new AbnormalRefundTarget(RefundDestination.MERCHANT_BANK_CARD, null));
        assertThat(reapplied.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(reapplied.destination().userReceivedAccount()).isEqualTo("商户银行卡");
        assertThat(creditBalance(settlement)).isEqualTo(before + 12);
    }

    private PaymentOrder paidByCard(TestPayers.Payer payer, long card, long totalFen) {
        String outTradeNo = "CR" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(),
                "Refundable goods", outTradeNo, null, null, "https://shop.example.cn/notify", null, totalFen, "CNY",
                null, null, null, UUID.randomUUID().toString()));
        cashier.pay(payer.id(), payer.deviceId(), order.prepayId(), TestPayers.PAY_PASSWORD, card);
        return orders.byOutTradeNo(merchant.id(), outTradeNo);
    }

    private NewRefund newRefund(PaymentOrder order, String outRefundNo, long refundFen) {
        return new NewRefund(null, order.outTradeNo(), outRefundNo, "returned", null, refundFen, order.totalFen(),
                List.of(), UUID.randomUUID().toString());
    }

    private long creditBalance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().creditBalance();
    }

    private long debitBalance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().debitBalance();
    }
}
