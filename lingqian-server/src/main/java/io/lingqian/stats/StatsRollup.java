package io.lingqian.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.stats.internal.Deltas;
import io.lingqian.stats.internal.JournalFolder;
import io.lingqian.stats.internal.JournalRow;
import io.lingqian.stats.internal.StatsStore;
import io.lingqian.wallet.WalletProperties;

/**
 * Keeps the summary tables up to date from the ledger's journal.
 *
 * <p>{@link #fold()} reads the posted transfers after the stored high-water mark (the journal's
 * {@code seq}), in batches, and adds each to its day's rows in the same transaction that moves the
 * mark, so a crash repeats nothing and loses nothing. A ledger batch takes its {@code seq} before it
 * commits, so a batch can become visible after one with a higher {@code seq}: every fold therefore
 * re-reads a look-back window below the mark and skips the transfers it has folded
 * ({@code stats_folded}). Refunds, reversals and corrections are new transfers, so they are folded
 * like any other, on the day they happen. {@link #rebuild()} empties the tables and folds the whole
 * journal again: the summaries are derived data.
 */
@Service
public class StatsRollup {

    private static final Logger log = LoggerFactory.getLogger(StatsRollup.class);
    /** Journal rows per fold transaction. */
    static final int BATCH = 2000;
    /**
     * How far below the mark a late-committing batch is still found: 2,000 ledger batches (each
     * takes 8,192 seq values). A batch stays uncommitted for milliseconds, not for 2,000 others.
     */
    static final long LOOK_BACK = 8192L * 2000;

    private final StatsStore store;
    private final TransactionTemplate transaction;
    private final WalletProperties wallet;

    StatsRollup(StatsStore store, TransactionTemplate transaction, WalletProperties wallet) {
        this.store = store;
        this.transaction = transaction;
        this.wallet = wallet;
    }

    /** Folds every posted transfer not folded yet; returns how many. */
    public int fold() {
        int total = 0;
        int folded;
        do {
            folded = transaction.execute(status -> foldBatch());
            total += folded;
        } while (folded == BATCH);
        return total;
    }

    private int foldBatch() {
        long mark = store.lockCursor();
        List<JournalRow> rows = store.unfolded(Math.max(0, mark - LOOK_BACK), BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        Lookups lookups = lookups(rows);
        Deltas deltas = new Deltas();
        long top = mark;
        for (JournalRow row : rows) {
            JournalFolder.fold(row, lookups, deltas);
            top = Math.max(top, row.seq());
        }
        store.apply(deltas);
        store.markFolded(rows);
        store.setCursor(top);
        store.pruneFolded(top - LOOK_BACK);
        return rows.size();
    }

    /** Empties the summaries and folds the whole journal again, then retakes the users' snapshots. */
    public int rebuild() {
        List<LocalDate> snapshots = store.snapshotDays();
        transaction.executeWithoutResult(status -> store.clear());
        int folded = fold();
        snapshots.forEach(this::snapshotUsers);
        log.info("Statistics rebuilt from {} journal rows", folded);
        return folded;
    }

    /** Takes (or retakes) the users' snapshot of a day; run once the day is over, and again at will. */
    public void snapshotUsers(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(JournalFolder.CST).toInstant();
        transaction.executeWithoutResult(status -> store.snapshotUsers(day, end,
                wallet.limits().classTwoChannels(), wallet.limits().classThreeChannels()));
    }

    /** The high-water mark: the highest journal {@code seq} folded so far. */
    public long mark() {
        return store.cursor();
    }

    private Lookups lookups(List<JournalRow> rows) {
        Set<Long> accountIds = new HashSet<>();
        Set<String> transactionIds = new HashSet<>();
        Set<String> refundIds = new HashSet<>();
        for (JournalRow r : rows) {
            accountIds.add(r.debitAccountId());
            accountIds.add(r.creditAccountId());
            String ref = r.reference();
            if (ref == null) {
                continue;
            }
            if (ref.startsWith("payment:")) {
                transactionIds.add(ref.substring("payment:".length()));
            } else if (ref.startsWith("reverse:")) {
                transactionIds.add(ref.substring("reverse:".length()));
            } else if (ref.startsWith("refund:")) {
                refundIds.add(ref.substring("refund:".length()));
            }
        }
        Map<Long, String> references = store.accountReferences(accountIds);
        Set<Long> merchants = new HashSet<>();
        references.values().forEach(ref -> {
            Long merchant = JournalFolder.merchant(ref);
            if (merchant != null) {
                merchants.add(merchant);
            }
        });
        return new Lookups(references, store.ordersByTransactionId(transactionIds),
                store.ordersByRefundId(refundIds), store.categories(merchants));
    }

    private record Lookups(Map<Long, String> references, Map<String, JournalFolder.OrderInfo> byTransaction,
                           Map<String, JournalFolder.OrderInfo> byRefund, Map<Long, String> categories)
            implements JournalFolder.Lookups {

        Lookups {
            categories = new HashMap<>(categories);
        }

        @Override
        public String accountReference(long accountId) {
            return references.get(accountId);
        }

        @Override
        public JournalFolder.OrderInfo order(String reference) {
            if (reference.startsWith("payment:")) {
                return byTransaction.get(reference.substring("payment:".length()));
            }
            if (reference.startsWith("reverse:")) {
                return byTransaction.get(reference.substring("reverse:".length()));
            }
            if (reference.startsWith("refund:")) {
                return byRefund.get(reference.substring("refund:".length()));
            }
            return null;
        }

        @Override
        public String category(long merchantId) {
            String category = categories.get(merchantId);
            return category == null ? "UNKNOWN" : category;
        }
    }
}
