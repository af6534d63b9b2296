package io.lingqian.partner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.Settlement;
import io.lingqian.merchant.Settlements;
import io.lingqian.partner.internal.PartnerStore;
import io.lingqian.partner.internal.ReachStore;
import io.lingqian.payment.PaymentOrders;

/**
 * What a provider's books cover: itself and every sub-merchant bound to it. For the contexts that
 * aggregate over a provider (its trade bill) and the provider's portal (its sub-merchants' orders and
 * settlements). Every method takes the provider's id: another provider's sub-merchants never appear.
 */
@Service
public class ProviderReach {

    private static final int RECENT = 200;

    /** One settlement of one of the provider's sub-merchants, with its commission if one was recorded. */
    public record SubMerchantSettlement(long subMerchantId, String subMerchantName, Settlement settlement,
                                        Optional<Commission> commission) {
    }

    private final ReachStore reach;
    private final PartnerStore store;
    private final PaymentOrders orders;
    private final MerchantAccounts accounts;
    private final Settlements settlements;
    private final ProviderCommissions commissions;

    ProviderReach(ReachStore reach, PartnerStore store, PaymentOrders orders, MerchantAccounts accounts,
            Settlements settlements, ProviderCommissions commissions) {
        this.reach = reach;
        this.store = store;
        this.orders = orders;
        this.accounts = accounts;
        this.settlements = settlements;
        this.commissions = commissions;
    }

    /**
     * The latest orders the provider placed, newest first, over all its sub-merchants or of one.
     *
     * @param subMerchantId empty for all; a merchant that is not the provider's sub-merchant finds nothing
     */
    public List<PartnerOrders.ProviderOrder> orders(long providerId, Optional<Long> subMerchantId) {
        return reach.orders(providerId, subMerchantId.orElse(null), RECENT).stream()
                .map(p -> new PartnerOrders.ProviderOrder(p, orders.byOutTradeNo(p.subMerchantId(), p.outTradeNo()),
                        accounts.merchant(p.subMerchantId()).map(m -> m.name()).orElse("")))
                .toList();
    }

    /** Every settlement of the provider's sub-merchants, newest first, each with its commission. */
    public List<SubMerchantSettlement> settlements(long providerId) {
        Map<Long, Commission> commissionBySettlement = new HashMap<>();
        commissions.of(providerId).forEach(c -> commissionBySettlement.put(c.settlementId(), c));
        List<SubMerchantSettlement> all = new ArrayList<>();
        for (long sub : reach.subMerchantIds(providerId)) {
            String name = accounts.merchant(sub).map(m -> m.name()).orElse("");
            for (Settlement s : settlements.history(sub)) {
                all.add(new SubMerchantSettlement(sub, name, s, Optional.ofNullable(commissionBySettlement.get(s.id()))));
            }
        }
        all.sort(Comparator.comparing((SubMerchantSettlement s) -> s.settlement().settlementDate()).reversed()
                .thenComparing(s -> s.settlement().id(), Comparator.reverseOrder()));
        return all;
    }

    /** The provider's sub-merchants' ids, oldest first; empty for any merchant that is not a provider. */
    public List<Long> subMerchantIds(long providerId) {
        return reach.subMerchantIds(providerId);
    }

    /** The provider a merchant is bound to as a sub-merchant; empty for any other merchant. */
    public Optional<Long> providerOf(long merchantId) {
        return store.binding(merchantId).map(PartnerStore.Binding::providerId);
    }
}
