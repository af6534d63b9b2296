package io.lingqian.accounting.internal;

import io.lingqian.accounting.PlatformAccount;
import io.lingqian.ledger.AccountResult;
import io.lingqian.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Opens the chart of accounts at start-up. Idempotent, so every instance may do it; an account that
 * exists with other fields stops the start, because the books would no longer mean what the code
 * says.
 */
@Component
class PlatformAccountsInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PlatformAccountsInitializer.class);

    private final Ledger ledger;

    PlatformAccountsInitializer(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void afterPropertiesSet() {
        List<PlatformAccount> chart = PlatformAccount.all();
        List<AccountResult> results = ledger.createAccounts(chart.stream().map(PlatformAccount::toNewAccount).toList());
        List<AccountResult> refused = results.stream().filter(r -> !r.ok()).toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException("the chart of accounts disagrees with the database: " + refused);
        }
        long opened = results.stream().filter(r -> r.result() == io.lingqian.ledger.CreateAccountResult.CREATED).count();
        if (opened > 0) {
            log.info("Opened {} platform accounts", opened);
        }
    }
}
