package io.lingqian.accounting.internal;

import io.lingqian.accounting.AccountType;
import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.CreateAccountResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;
import org.springframework.stereotype.Service;

import java.util.Optional;

@Service
class LedgerCustomerAccounts implements CustomerAccounts {

    private final Ledger ledger;

    LedgerCustomerAccounts(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public long openWallet(long userId) {
        return open(CustomerAccounts.walletReference(userId), AccountType.USER_WALLET);
    }

    @Override
    public long openMerchantSettlement(long merchantId) {
        return open(CustomerAccounts.merchantSettlementReference(merchantId), AccountType.MERCHANT_PENDING_SETTLEMENT);
    }

    @Override
    public long openMerchantDeposit(long merchantId) {
        return open(CustomerAccounts.merchantDepositReference(merchantId), AccountType.MERCHANT_DEPOSIT);
    }

    private long open(String reference, AccountType type) {
        Optional<Account> existing = ledger.accountByReference(reference);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        long id = ledger.nextAccountId();
        AccountResult r = ledger.createAccounts(java.util.List.of(NewAccount.of(id, Ledger.CNY, type.code(), reference,
                AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS))).get(0);
        if (r.result() == CreateAccountResult.REFERENCE_TAKEN) {
            // opened concurrently by another request: use that one
            return ledger.accountByReference(reference).orElseThrow().id();
        }
        if (!r.ok()) {
            throw new IllegalStateException("cannot open " + reference + ": " + r.result());
        }
        return id;
    }
}
