package io.lingqian.demo.internal;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.demo.DemoContributor;
import io.lingqian.demo.DemoSeed;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.wallet.WalletUser;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives the demo something to look at in the ledger: operator capital at a bank with part of it set
 * aside as the compensation fund, a wallet with 1,000.00 CNY for each demo user (a top-up through
 * China Merchants Bank), and the demo merchant's settlement account. Every movement is an ordinary
 * ledger transfer with a fixed id, so the seed is idempotent down to the fen.
 */
@Component
@Order(100)
class DemoBalances implements DemoContributor {

    static final long CAPITAL_FEN = 10_000_000_00L;
    static final long COMPENSATION_FUND_FEN = 1_000_000_00L;
    static final long DEMO_TOPUP_FEN = 1_000_00L;

    private final Ledger ledger;
    private final CustomerAccounts accounts;

    DemoBalances(Ledger ledger, CustomerAccounts accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    @Override
    public void contribute(DemoSeed seed) {
        List<TransferRequest> transfers = new ArrayList<>();
        transfers.add(TransferRequest.single("demo:capital", PlatformAccount.bankReserve(PartnerBank.ICBC).id(),
                PlatformAccount.OPERATOR_CAPITAL.id(), CAPITAL_FEN, Ledger.CNY, TransferCode.CAPITAL.code(),
                "demo:capital"));
        transfers.add(TransferRequest.single("demo:compensation-fund", PlatformAccount.OPERATOR_CAPITAL.id(),
                PlatformAccount.COMPENSATION_FUND.id(), COMPENSATION_FUND_FEN, Ledger.CNY,
                TransferCode.FUND_ALLOCATION.code(), "demo:capital"));
        List<String> lines = new ArrayList<>();
        for (WalletUser user : seed.walletUsers()) {
            long wallet = accounts.openWallet(user.id());
            transfers.add(TransferRequest.single("demo:topup:" + user.id(),
                    PlatformAccount.bankReserve(PartnerBank.CMB).id(), wallet, DEMO_TOPUP_FEN, Ledger.CNY,
                    TransferCode.TOPUP.code(), "demo:topup:" + user.id()));
            lines.add(user.mobile() + ": wallet account " + wallet + ", balance 1,000.00 CNY");
        }
        long merchantAccount = accounts.openMerchantSettlement(seed.merchant().id());
        lines.add(seed.merchant().name() + ": settlement account " + merchantAccount);
        for (TransferResult r : ledger.createLinked(transfers)) {
            r.orThrow();
        }
        seed.addSection("Ledger accounts", lines);
    }
}
