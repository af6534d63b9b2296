package io.lingqian.merchant.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.lingqian.accounting.AccountType;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.AccountFlag;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.CreateAccountResult;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.NewAccount;

/**
 * The merchant's deposit account, which {@code CustomerAccounts} does not open (only this context
 * needs it). Opened idempotently by its reference, like the accounts {@code CustomerAccounts} opens.
 */
@Component
public class MerchantLedgerAccounts {

    private final Ledger ledger;

    MerchantLedgerAccounts(Ledger ledger) {
        this.ledger = ledger;
    }

    public static String depositReference(long merchantId) {
        return "merchant:" + merchantId + ":deposit";
    }

    public long openDeposit(long merchantId) {
        String reference = depositReference(merchantId);
        Optional<Account> existing = ledger.accountByReference(reference);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        long id = ledger.nextAccountId();
        AccountResult r = ledger.createAccounts(List.of(NewAccount.of(id, Ledger.CNY,
                AccountType.MERCHANT_DEPOSIT.code(), reference, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS))).get(0);
        if (r.result() == CreateAccountResult.REFERENCE_TAKEN) {
            return ledger.accountByReference(reference).orElseThrow().id();
        }
        if (!r.ok()) {
            throw new IllegalStateException("cannot open " + reference + ": " + r.result());
        }
        return id;
    }
}
