package io.lingqian.partner;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentOrders;
import io.lingqian.partner.internal.PartnerStore;

/**
 * Orders a provider places for its sub-merchants. The order is the sub-merchant's own (its money,
 * its fee rate, its settlement); what is kept here is the partner side: which provider placed it,
 * with which {@code sp_appid} and {@code sub_appid}, and where to notify the provider.
 */
@Service
public class PartnerOrders {

    private static final int RECENT = 100;

    /** An order as the provider's portal lists it. */
    public record ProviderOrder(PartnerOrder partner, PaymentOrder order, String subMerchantName) {
    }

    private final PartnerStore store;
    private final PaymentOrders orders;
    private final MerchantAccounts accounts;
    private final Clock clock;

    PartnerOrders(PartnerStore store, PaymentOrders orders, MerchantAccounts accounts, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Places the order (idempotent like every prepay: the same request again answers the same order)
     * together with its partner side, in one transaction. The order carries no notify_url of its own:
     * the notification goes to the provider in the partner shape.
     *
     * @param order the sub-merchant's order: mchid is the sub_mchid, appid the one the payer's openid
     *              is under (the sub_appid when the payer is named by sub_openid, otherwise the sp_appid)
     * @throws PaymentRefusal as {@link PaymentOrders#prepay}
     */
    @Transactional
    public PaymentOrder prepay(SubMerchant sub, String spAppid, String subAppid, String notifyUrl, NewOrder order) {
        PaymentOrder placed = orders.prepayForSubMerchant(sub.merchantId(), order);
        if (store.order(sub.merchantId(), order.outTradeNo()).isEmpty()) {
            store.insertOrder(new PartnerOrder(sub.merchantId(), order.outTradeNo(), sub.providerId(), spAppid,
                    subAppid, notifyUrl, clock.instant()));
        }
        return placed;
    }

    /** The partner side of a sub-merchant's order; empty for an order no provider placed. */
    public Optional<PartnerOrder> partnerSide(long subMerchantId, String outTradeNo) {
        return store.order(subMerchantId, outTradeNo);
    }

    /** The latest orders the provider placed, over all its sub-merchants. */
    public List<ProviderOrder> recentOf(long providerId) {
        return store.ordersOf(providerId, RECENT).stream().map(p -> new ProviderOrder(p,
                orders.byOutTradeNo(p.subMerchantId(), p.outTradeNo()),
                accounts.merchant(p.subMerchantId()).map(m -> m.name()).orElse(""))).toList();
    }
}
