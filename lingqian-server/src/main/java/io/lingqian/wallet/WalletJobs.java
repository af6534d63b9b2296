package io.lingqian.wallet;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.lingqian.wallet.internal.MoneyStore;

/**
 * The repair job: top-ups, withdrawals, card charges and card credits whose bank answer was not final (a timeout, a slow bank,
 * a crash between recording and sending) are asked about again and settled. The server runs it on a
 * schedule ({@code lingqian.wallet.repair-interval}); tests run it by hand after moving the clock.
 * Settling is idempotent, so two instances running it at once settle each operation once.
 */
@Service
public class WalletJobs {

    private static final Logger log = LoggerFactory.getLogger(WalletJobs.class);
    /** Operations looked at per run: bounds one run's work. */
    static final int BATCH = 200;

    /** How many operations one run brought to a final state. */
    public record Settled(int topUps, int withdrawals, int cardCharges, int cardCredits) {
    }

    private final MoneyStore store;
    private final TopUps topUps;
    private final Withdrawals withdrawals;
    private final CardCharges cardCharges;
    private final CardCredits cardCredits;

    WalletJobs(MoneyStore store, TopUps topUps, Withdrawals withdrawals, CardCharges cardCharges,
            CardCredits cardCredits) {
        this.cardCredits = cardCredits;
        this.store = store;
        this.topUps = topUps;
        this.withdrawals = withdrawals;
        this.cardCharges = cardCharges;
    }

    public Settled settleUnknownOutcomes() {
        AtomicInteger t = new AtomicInteger();
        AtomicInteger w = new AtomicInteger();
        for (long id : store.unsettledTopUps(BATCH)) {
            try {
                if (topUps.settle(id).status().isFinal()) {
                    t.incrementAndGet();
                }
            } catch (RuntimeException e) {
                log.warn("Top-up {} could not be settled yet: {}", id, e.getMessage());
            }
        }
        for (long id : store.unsettledWithdrawals(BATCH)) {
            try {
                if (withdrawals.settle(id).status().isFinal()) {
                    w.incrementAndGet();
                }
            } catch (RuntimeException e) {
                log.warn("Withdrawal {} could not be settled yet: {}", id, e.getMessage());
            }
        }
        AtomicInteger c = new AtomicInteger();
        for (long id : cardCharges.unsettled(BATCH)) {
            try {
                if (cardCharges.settle(id).status().isFinal()) {
                    c.incrementAndGet();
                }
            } catch (RuntimeException e) {
                log.warn("Card charge {} could not be settled yet: {}", id, e.getMessage());
            }
        }
        AtomicInteger r = new AtomicInteger();
        for (long id : cardCredits.unsettled(BATCH)) {
            try {
                if (cardCredits.settle(id).status().isFinal()) {
                    r.incrementAndGet();
                }
            } catch (RuntimeException e) {
                log.warn("Card credit {} could not be settled yet: {}", id, e.getMessage());
            }
        }
        if (t.get() + w.get() + c.get() + r.get() > 0) {
            log.info("Settled {} top-ups, {} withdrawals, {} card charges and {} card credits with their banks",
                    t.get(), w.get(), c.get(), r.get());
        }
        return new Settled(t.get(), w.get(), c.get(), r.get());
    }
}
