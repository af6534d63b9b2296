package io.lingqian.reconciliation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.audit.AuditLog;
import io.lingqian.bank.BankConnector;
import io.lingqian.bank.BankOperation;
import io.lingqian.bank.StatementLine;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.ledger.TransferResult;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.reconciliation.internal.OperationKeys;
import io.lingqian.reconciliation.internal.ReconStore;
import io.lingqian.reconciliation.internal.StatementFile;
import io.lingqian.wallet.WalletJobs;

/**
 * Reconciles one partner bank's day: imports the bank's statement (once per bank and day), settles
 * the platform's operations whose outcome was unknown where the statement now decides them (through
 * the wallet's repair job), matches the statement's lines with the ledger's bank-facing transfers by
 * operation, and records every difference as an item. Re-running a day reads the stored statement
 * and finds the same items; an item already resolved stays resolved. Finance staff resolve an item
 * with a correcting transfer (ADJUSTMENT) between the bank's reserve and its clearing account, never
 * by editing a transfer, and the audit log records who did it and why.
 */
@Service
public class Reconciliation {

    public static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    /** Keys compared between two progress writes. */
    static final int PROGRESS_EVERY = 50;

    private final ReconStore store;
    private final OperationKeys keys;
    private final BankConnector bank;
    private final WalletJobs walletJobs;
    private final Ledger ledger;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Reconciliation(ReconStore store, OperationKeys keys, BankConnector bank, WalletJobs walletJobs, Ledger ledger,
            AuditLog audit, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.bank = bank;
        this.walletJobs = walletJobs;
        this.ledger = ledger;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A run's summary with its items. */
    public record DayReport(ReconRun run, List<ReconItem> items) {
    }

    // ---- statements ----

    /**
     * Imports a statement file for a bank's day. Refused, with nothing stored, when a line is
     * malformed (the problem names the line) or the day's statement was imported already.
     */
    public int importFile(PartnerBank partner, LocalDate day, String csv) {
        List<StatementLine> lines;
        try {
            lines = StatementFile.parse(csv);
        } catch (StatementFile.Malformed m) {
            throw malformed(m.getMessage());
        }
        return importLines(partner, day, "FILE", lines, 2);
    }

    private int importLines(PartnerBank partner, LocalDate day, String source, List<StatementLine> lines,
            int firstLineNumber) {
        Instant from = day.atStartOfDay(CST).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CST).toInstant();
        for (int i = 0; i < lines.size(); i++) {
            Optional<String> problem = problem(lines.get(i), from, to);
            if (problem.isPresent()) {
                throw malformed("line " + (i + firstLineNumber) + ": " + problem.get());
            }
        }
        return transaction.execute(status -> {
            Optional<Long> existing = store.statementId(partner.name(), day);
            if (existing.isPresent()) {
                throw new ApiProblemException(HttpStatus.CONFLICT, "statement_duplicate", "The statement of "
                        + partner.name() + " for " + day + " was imported already (statement " + existing.get()
                        + "); a day has one statement. Nothing was changed.");
            }
            store.insertStatement(partner.name(), day, source, lines, hash(lines), clock.instant());
            return lines.size();
        });
    }

    private static Optional<String> problem(StatementLine l, Instant from, Instant to) {
        if (l.operationId() == null || l.operationId().isBlank() || l.operationId().length() > 64) {
            return Optional.of("operation_id is 1-64 characters");
        }
        if (l.kind() == null) {
            return Optional.of("kind is missing");
        }
        if (l.amountFen() <= 0) {
            return Optional.of("amount_fen must be positive (" + l.operationId() + ")");
        }
        if (l.status() == null || !l.status().isFinal()) {
            return Optional.of("a statement lists finished operations: status SUCCEEDED or FAILED ("
                    + l.operationId() + ")");
        }
        if (l.completedAt() == null || l.completedAt().isBefore(from) || !l.completedAt().isBefore(to)) {
            return Optional.of("completed_at is not on the statement's day (" + l.operationId() + ")");
        }
        return Optional.empty();
    }

    private static String hash(List<StatementLine> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(StatementFile.render(lines).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- runs ----

    /** Reconciles a finished day of one bank, importing its statement from the bank first if needed. */
    public DayReport run(PartnerBank partner, LocalDate day) {
        LocalDate today = LocalDate.now(clock.withZone(CST));
        if (!day.isBefore(today)) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "day_not_over",
                    "Only a finished day can be reconciled; " + day + " is not over yet (China Standard Time).");
        }
        store.run(partner.name(), day).filter(r -> r.state().equals("RUNNING")
                && r.startedAt().isAfter(clock.instant().minusSeconds(600))).ifPresent(r -> {
                    throw new ApiProblemException(HttpStatus.CONFLICT, "reconciliation_running",
                            "The reconciliation of " + partner.name() + " for " + day + " is running.");
                });
        if (store.statementId(partner.name(), day).isEmpty()) {
            try {
                importLines(partner, day, "CONNECTOR", bank.statement(partner, day), 1);
            } catch (ApiProblemException raced) {
                if (!raced.code().equals("statement_duplicate")) {
                    throw raced;
                }
            }
        }
        List<StatementLine> statement = store.statementLines(store.statementId(partner.name(), day).orElseThrow());
        Instant from = day.atStartOfDay(CST).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CST).toInstant();

        // Operations the platform still waits on, which the statement now decides: the repair job settles them.
        Set<String> finishedAtBank = new HashSet<>();
        statement.forEach(l -> finishedAtBank.add(l.operationId()));
        List<String> waiting = store.unsettledOperations(partner.name(), to);
        Set<String> decided = new HashSet<>(waiting);
        decided.retainAll(finishedAtBank);
        if (!decided.isEmpty()) {
            walletJobs.settleUnknownOutcomes();
        }
        Set<String> stillWaiting = new HashSet<>(store.unsettledOperations(partner.name(), to));
        Set<String> settledNow = new HashSet<>(decided);
        settledNow.removeAll(stillWaiting);

        // Both sides by key.
        Map<String, Side> sides = new TreeMap<>();
        long bankIn = 0;
        long bankOut = 0;
        for (StatementLine l : statement) {
            if (l.status() != BankOperation.Status.SUCCEEDED) {
                continue;
            }
            long signed = l.kind() == BankOperation.Kind.DEBIT ? l.amountFen() : -l.amountFen();
            if (signed > 0) {
                bankIn += signed;
            } else {
                bankOut -= signed;
            }
            Side s = sides.computeIfAbsent(keys.ofBankOperation(l.operationId()), k -> new Side());
            s.bankFen += signed;
            s.bankLines++;
            s.operationId = l.operationId();
        }
        long ledgerIn = 0;
        long ledgerOut = 0;
        long reserve = PlatformAccount.bankReserve(partner).id();
        for (ReconStore.BankFacingTransfer t : store.bankFacingTransfers(reserve, from, to)) {
            if (t.signedFen() > 0) {
                ledgerIn += t.signedFen();
            } else {
                ledgerOut -= t.signedFen();
            }
            Side s = sides.computeIfAbsent(keys.ofTransfer(t), k -> new Side());
            s.ledgerFen += t.signedFen();
            s.transfers++;
            s.transferId = t.id();
        }

        long runId = transaction.execute(status -> store.startRun(partner.name(), day, sides.size(), clock.instant()));
        List<Found> found = new ArrayList<>();
        int matched = 0;
        int processed = 0;
        for (Map.Entry<String, Side> e : sides.entrySet()) {
            Found f = compare(e.getKey(), e.getValue(), day, stillWaiting);
            if (f == null) {
                matched++;
            } else {
                found.add(f);
            }
            if (++processed % PROGRESS_EVERY == 0) {
                int done = processed;
                transaction.executeWithoutResult(status -> store.progress(runId, done));
            }
        }
        for (String op : stillWaiting) {
            String key = keys.ofBankOperation(op);
            if (found.stream().noneMatch(f -> f.key.equals(key))) {
                found.add(new Found(key, Difference.UNKNOWN_OUTCOME, op, null, 0, 0,
                        "The platform is still waiting for the bank's answer to " + op + ".", ItemState.OPEN));
            }
        }
        for (String op : settledNow) {
            found.add(new Found(keys.ofBankOperation(op), Difference.UNKNOWN_OUTCOME, op, null, 0, 0,
                    "The outcome of " + op + " was unknown; the bank's statement decided it and the repair job "
                            + "applied it during reconciliation.", ItemState.AUTO_RESOLVED));
        }
        int total = processed;
        int agreed = matched;
        long[] money = {bankIn, bankOut, ledgerIn, ledgerOut};
        transaction.executeWithoutResult(status -> record(partner, day, runId, found, total, agreed, money));
        return report(partner, day);
    }

    /** Money at one bank for one key: what the statement shows and what the ledger booked. */
    private static final class Side {
        long bankFen;
        int bankLines;
        String operationId;
        long ledgerFen;
        int transfers;
        String transferId;
    }

    private record Found(String key, Difference difference, String operationId, String transferId, long bankFen,
                         long ledgerFen, String detail, ItemState state) {
    }

    /** The difference for one key, or null when both sides agree (also across midnight). */
    private Found compare(String key, Side s, LocalDate day, Set<String> stillWaiting) {
        if (s.bankLines == 0) {
            Optional<String> op = keys.operationOf(key);
            Optional<BankOperation> atBank = op.flatMap(bank::query);
            if (atBank.isPresent() && atBank.get().status() == BankOperation.Status.SUCCEEDED
                    && atBank.get().completedAt() != null
                    && !LocalDate.ofInstant(atBank.get().completedAt(), CST).equals(day)
                    && signed(atBank.get()) == s.ledgerFen) {
                return null;
            }
            String why = atBank.map(o -> "the bank reports " + o.operationId() + " as " + o.status()
                    + (o.completedAt() == null ? "" : " on " + LocalDate.ofInstant(o.completedAt(), CST)))
                    .orElse("the bank's statement has no line for it");
            return new Found(key, Difference.MISSING_AT_BANK, op.orElse(null), s.transferId, 0, s.ledgerFen,
                    "The ledger booked " + s.transferId + " but " + why + ".", ItemState.OPEN);
        }
        if (s.transfers == 0) {
            Optional<ReconStore.BankFacingTransfer> booked = keys.transferOf(key);
            if (booked.isPresent() && !LocalDate.ofInstant(booked.get().at(), CST).equals(day)
                    && booked.get().signedFen() == s.bankFen) {
                return null;
            }
            if (stillWaiting.contains(s.operationId)) {
                return new Found(key, Difference.UNKNOWN_OUTCOME, s.operationId, null, s.bankFen, 0,
                        "The bank finished " + s.operationId + " but the platform has not applied its answer yet.",
                        ItemState.OPEN);
            }
            return new Found(key, Difference.MISSING_ON_OUR_SIDE, s.operationId, null, s.bankFen, 0,
                    "The bank's statement shows " + s.operationId + " but the ledger has no transfer for it.",
                    ItemState.OPEN);
        }
        if (s.bankLines > 1) {
            return new Found(key, Difference.MISSING_ON_OUR_SIDE, s.operationId, s.transferId, s.bankFen, s.ledgerFen,
                    "The bank's statement lists " + s.operationId + " " + s.bankLines + " times; the ledger booked it "
                            + s.transfers + " time(s).", ItemState.OPEN);
        }
        if (s.bankFen != s.ledgerFen) {
            return new Found(key, Difference.AMOUNT_MISMATCH, s.operationId, s.transferId, s.bankFen, s.ledgerFen,
                    "The bank shows " + yuan(s.bankFen) + " for " + s.operationId + ", the ledger "
                            + yuan(s.ledgerFen) + " (" + s.transferId + ").", ItemState.OPEN);
        }
        return null;
    }

    private static long signed(BankOperation o) {
        return o.kind() == BankOperation.Kind.DEBIT ? o.amountFen() : -o.amountFen();
    }

    private void record(PartnerBank partner, LocalDate day, long runId, List<Found> found, int total, int matched,
            long[] money) {
        Instant now = clock.instant();
        Set<Long> seen = new HashSet<>();
        for (Found f : found) {
            Optional<ReconItem> existing = store.item(partner.name(), day, f.key(), f.difference());
            if (existing.isPresent()) {
                seen.add(existing.get().id());
                store.refreshOpenItem(existing.get().id(), f.bankFen(), f.ledgerFen(), f.detail());
            } else {
                store.insertItem(partner.name(), day, f.key(), f.difference(), f.operationId(), f.transferId(),
                        f.bankFen(), f.ledgerFen(), f.detail(), f.state(), now);
                store.item(partner.name(), day, f.key(), f.difference()).ifPresent(i -> seen.add(i.id()));
            }
        }
        for (ReconItem item : store.items(partner.name(), day)) {
            if (item.state() == ItemState.OPEN && !seen.contains(item.id())) {
                item.state().next(ItemState.AUTO_RESOLVED);
                store.resolveItem(item.id(), ItemState.AUTO_RESOLVED, null,
                        "A later run no longer finds this difference.", "system", now);
            }
        }
        List<ReconItem> items = store.items(partner.name(), day);
        int differences = (int) items.stream().filter(i -> !(i.difference() == Difference.UNKNOWN_OUTCOME
                && i.state() == ItemState.AUTO_RESOLVED)).count();
        int auto = items.size() - differences;
        store.finishRun(runId, "DONE", total, matched, differences, auto, money[0], money[1], money[2], money[3],
                null, now);
    }

    public DayReport report(PartnerBank partner, LocalDate day) {
        return new DayReport(store.run(partner.name(), day).orElse(null), store.items(partner.name(), day));
    }

    public Optional<ReconRun> runById(long id) {
        return store.run(id);
    }

    public List<ReconRun> runs(LocalDate day) {
        return store.runs(day);
    }

    /** The latest runs, newest day first (the console's list). */
    public List<ReconRun> recentRuns(int limit) {
        return store.recentRuns(limit);
    }

    public List<ReconItem> openItems(int limit) {
        return store.openItems(limit);
    }

    public Optional<ReconItem> item(long id) {
        return store.item(id);
    }

    // ---- resolution ----

    /**
     * Resolves an open item with a correcting ADJUSTMENT transfer for the difference between the
     * bank's and the ledger's effect on the bank's reserve, parked against the bank's clearing
     * account, and an audit record. Repeating it with the same reason answers the resolved item.
     */
    public ReconItem resolve(long itemId, String reason, long staffId, String staffName) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 5 || why.length() > 200) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ApiProblem.VALIDATION_FAILED,
                    "Give a reason of 5 to 200 characters.");
        }
        return transaction.execute(status -> {
            ReconItem item = store.lockItem(itemId).orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND,
                    ApiProblem.NOT_FOUND, "No reconciliation item " + itemId + "."));
            if (item.state() == ItemState.RESOLVED && why.equals(item.reason())) {
                return item;
            }
            if (item.state() != ItemState.OPEN) {
                throw new ApiProblemException(HttpStatus.CONFLICT, "item_not_open", "Item " + itemId + " is "
                        + item.state() + " already.");
            }
            if (item.difference() == Difference.UNKNOWN_OUTCOME) {
                throw new ApiProblemException(HttpStatus.CONFLICT, "outcome_pending", "Item " + itemId
                        + " waits for the bank's answer, which the repair job applies; it needs no correction.");
            }
            item.state().next(ItemState.RESOLVED);
            long delta = item.bankFen() - item.ledgerFen();
            PartnerBank partner = PartnerBank.valueOf(item.bank());
            long reserve = PlatformAccount.bankReserve(partner).id();
            long clearing = PlatformAccount.bankClearing(partner).id();
            String correctionId = "recon:" + item.id() + ":correction";
            store.resolveItem(item.id(), ItemState.RESOLVED, delta == 0 ? null : correctionId, why, staffName,
                    clock.instant());
            audit.staff(staffId, staffName, "RECONCILIATION_RESOLVED", "recon-item:" + item.id(),
                    item.bank() + " " + item.day() + " " + item.difference() + " " + item.key() + ": "
                            + (delta == 0 ? "no correction needed" : "correction " + correctionId + " of "
                            + yuan(Math.abs(delta))) + "; reason: " + why);
            if (delta != 0) {
                TransferRequest correction = TransferRequest.single(correctionId, delta > 0 ? reserve : clearing,
                        delta > 0 ? clearing : reserve, Math.abs(delta), Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                        "recon:" + item.id());
                TransferResult result = ledger.createTransfer(correction);
                if (!result.ok()) {
                    throw new ApiProblemException(HttpStatus.CONFLICT, "correction_refused",
                            "The ledger refused the correction (" + result.result() + "); nothing was changed.");
                }
            }
            return store.item(item.id()).orElseThrow();
        });
    }

    private static ApiProblemException malformed(String detail) {
        return new ApiProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "statement_malformed",
                "The statement was refused, nothing was imported: " + detail);
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString() + " CNY";
    }
}
