package io.lingqian.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.Refund;
import io.lingqian.payment.RefundStatus;
import io.lingqian.payment.Refunds;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;

/** A frozen wallet pays nothing, but a merchant's refund still reaches it (issue 8's evidence). */
@ServerTest
class FrozenWalletRefundTests {

    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired MerchantApps apps;
    @Autowired PaymentOrders orders;
    @Autowired Cashier cashier;
    @Autowired Refunds refunds;
    @Autowired WalletFreezes freezes;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;

    @Test
    void aRefundArrivesInAFrozenWalletThatCannotPay() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Freeze shop", List.of()).app().appid();
        TestPayers.Payer payer = payers.withBalance(100_00);
        PaymentOrder paid = prepay(merchant, appid, 40_00);
        cashier.pay(payer.id(), payer.deviceId(), paid.prepayId(), TestPayers.PAY_PASSWORD);
        PaymentOrder next = prepay(merchant, appid, 10_00);

        freezes.freezeOwn(payer.id(), "lost my phone");

        assertThatThrownBy(() -> cashier.pay(payer.id(), payer.deviceId(), next.prepayId(), TestPayers.PAY_PASSWORD))
                .isInstanceOfSatisfying(ApiProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("wallet_frozen"));
        Refund refund = refunds.refund(merchant.id(), new NewRefund(null, paid.outTradeNo(), "F-" + paid.outTradeNo(),
                "sold out", null, 15_00, 40_00, List.of(), UUID.randomUUID().toString()));

        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCESS);
        assertThat(freezes.isFrozen(payer.id())).isTrue();
        assertThat(ledger.account(accounts.openWallet(payer.id())).orElseThrow().balances().creditBalance())
                .isEqualTo(100_00 - 40_00 + 15_00);
    }

    private PaymentOrder prepay(TestMerchants.ApprovedMerchant merchant, String appid, long totalFen) {
        return orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(), "Lamp",
                "FZ" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), null, null,
                "https://shop.example.cn/notify", null, totalFen, "CNY", null, null, null,
                UUID.randomUUID().toString()));
    }
}
