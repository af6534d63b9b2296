package io.lingqian.partner;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.SettlementOpened;
import io.lingqian.partner.internal.CommissionStore;
import io.lingqian.partner.internal.PartnerStore;

/**
 * The provider's commission: when a sub-merchant's settlement is written, the configured share of
 * the fees of the period it covers moves from the platform's fee income to the provider's settlement
 * account (paid out by the provider's own settlement like any takings). Posted inside the
 * settlement's transaction, once per settlement (the transfer id is the settlement's), so it exists
 * exactly when the settlement does. A period whose fees returned with refunds outweigh its fees earns
 * nothing and takes nothing back.
 */
@Service
@EnableConfigurationProperties(PartnerProperties.class)
public class ProviderCommissions {

    private static final int LIST_LIMIT = 200;

    private final CommissionStore store;
    private final PartnerStore bindings;
    private final CustomerAccounts accounts;
    private final Ledger ledger;
    private final PartnerProperties settings;
    private final Clock clock;

    ProviderCommissions(CommissionStore store, PartnerStore bindings, CustomerAccounts accounts, Ledger ledger,
            PartnerProperties settings, Clock clock) {
        this.store = store;
        this.bindings = bindings;
        this.accounts = accounts;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** The ledger transfer id of a settlement's commission. */
    public static String transferId(long settlementId) {
        return "commission:" + settlementId;
    }

    @EventListener
    void onSettlementOpened(SettlementOpened opened) {
        bindings.binding(opened.merchantId()).ifPresent(binding -> {
            int share = settings.commissionBasisPoints();
            long commission = Commission.of(opened.feesFen(), share);
            store.insert(new Commission(opened.settlementId(), binding.providerId(), opened.merchantId(),
                    opened.settlementDate(), opened.feesFen(), share, commission, clock.instant()));
            if (commission > 0) {
                // the last step of this listener; the settlement's own postings follow in its transaction
                ledger.createTransfer(TransferRequest.single(transferId(opened.settlementId()),
                        PlatformAccount.FEE_INCOME.id(), accounts.openMerchantSettlement(binding.providerId()),
                        commission, Ledger.CNY, TransferCode.PROVIDER_COMMISSION.code(),
                        transferId(opened.settlementId()))).orThrow();
            }
        });
    }

    /** The provider's latest commissions, newest first. */
    public List<Commission> of(long providerId) {
        return store.ofProvider(providerId, LIST_LIMIT);
    }

    /** Everything the provider has earned in commission. */
    public long totalOf(long providerId) {
        return store.totalOf(providerId);
    }

    /** The share in force, in basis points of the fee. */
    public int shareBasisPoints() {
        return settings.commissionBasisPoints();
    }
}
