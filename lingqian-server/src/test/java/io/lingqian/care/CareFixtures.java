package io.lingqian.care;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.payment.Cashier;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.TradeType;
import io.lingqian.wallet.TestPayers;

/** Paid orders, fund money and balances for the care tests, made through the public services. */
@Component
public class CareFixtures {

    private final MerchantApps apps;
    private final PaymentOrders orders;
    private final Cashier cashier;
    private final Ledger ledger;

    CareFixtures(MerchantApps apps, PaymentOrders orders, Cashier cashier, Ledger ledger) {
        this.apps = apps;
        this.orders = orders;
        this.cashier = cashier;
        this.ledger = ledger;
    }

    /** An order of the merchant the payer paid from the balance; its bill is {@code payment:<transactionId>}. */
    public PaymentOrder paidOrder(TestMerchants.ApprovedMerchant merchant, TestPayers.Payer payer, long totalFen) {
        String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        String outTradeNo = "C" + unique().substring(0, 20);
        PaymentOrder order = orders.prepay(merchant.id(), new NewOrder(TradeType.NATIVE, appid, merchant.mchid(),
                "Tea", outTradeNo, null, null, "https://shop.example.cn/notify", null, totalFen, "CNY", null, null,
                null, "digest-" + outTradeNo));
        cashier.pay(payer.id(), payer.deviceId(), cashier.scan(payer.id(), order.codeUrl()).prepayId(),
                TestPayers.PAY_PASSWORD);
        return orders.byOutTradeNo(merchant.id(), outTradeNo);
    }

    /** Pays capital into operator capital (at ICBC), so that staff can allocate it. */
    public void payInCapital(long amountFen) {
        String id = "test:capital:" + unique();
        ledger.createTransfer(TransferRequest.single(id, PlatformAccount.bankReserve(PartnerBank.ICBC).id(),
                PlatformAccount.OPERATOR_CAPITAL.id(), amountFen, Ledger.CNY, TransferCode.CAPITAL.code(), id))
                .orThrow();
    }

    /** Moves everything out of the compensation fund back to operator capital: the fund is empty. */
    public void emptyFund() {
        long held = balance(PlatformAccount.COMPENSATION_FUND.id());
        if (held > 0) {
            String id = "test:fund-return:" + unique();
            ledger.createTransfer(TransferRequest.single(id, PlatformAccount.COMPENSATION_FUND.id(),
                    PlatformAccount.OPERATOR_CAPITAL.id(), held, Ledger.CNY, TransferCode.FUND_ALLOCATION.code(), id))
                    .orThrow();
        }
    }

    public long balance(long account) {
        return ledger.account(account).map(a -> a.balances().creditBalance()).orElse(0L);
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
