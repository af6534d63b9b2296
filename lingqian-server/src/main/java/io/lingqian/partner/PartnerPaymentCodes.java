package io.lingqian.partner;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import io.lingqian.partner.internal.PartnerStore;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentCodeCashier;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.payment.PaymentRefusal;

/**
 * The payment code (v2 micropay) a provider charges for one of its sub-merchants: the order is the
 * sub-merchant's (its money, its rate), placed and charged as a direct one
 * ({@link PaymentCodeCashier}); the partner side is kept as for every partner order, without a
 * notify_url (the answer is synchronous).
 */
@Service
public class PartnerPaymentCodes {

    private final PaymentCodeCashier cashier;
    private final PaymentOrders orders;
    private final PartnerStore store;
    private final Clock clock;

    PartnerPaymentCodes(PaymentCodeCashier cashier, PaymentOrders orders, PartnerStore store, Clock clock) {
        this.cashier = cashier;
        this.orders = orders;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Charges the code for the sub-merchant. The charge runs in transactions of its own (the payer may
     * have to confirm it later), so the partner side is written once the order exists, whatever the
     * outcome: an order refused for the payer's balance is still the provider's to query.
     *
     * @param order its appid is the provider's sp_appid, its mchid the sub_mchid
     * @throws io.lingqian.payment.PaymentCodeRefusal as {@link PaymentCodeCashier#micropay}
     */
    public PaymentOrder micropay(SubMerchant sub, String subAppid, NewOrder order, String authCode) {
        try {
            return cashier.micropayForSubMerchant(sub.merchantId(), order, authCode);
        } finally {
            recordPartnerSide(sub, order.appid(), subAppid, order.outTradeNo());
        }
    }

    private void recordPartnerSide(SubMerchant sub, String spAppid, String subAppid, String outTradeNo) {
        if (store.order(sub.merchantId(), outTradeNo).isPresent()) {
            return;
        }
        try {
            orders.byOutTradeNo(sub.merchantId(), outTradeNo);
        } catch (PaymentRefusal noOrder) {
            return;
        }
        try {
            store.insertOrder(new PartnerOrder(sub.merchantId(), outTradeNo, sub.providerId(), spAppid, subAppid,
                    null, clock.instant()));
        } catch (DuplicateKeyException identicalRequestMeanwhile) {
            // the same request, retried concurrently, recorded it first
        }
    }
}
