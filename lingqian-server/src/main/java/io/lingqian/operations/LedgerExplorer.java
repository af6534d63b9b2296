package io.lingqian.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.lingqian.accounting.AccountType;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.Balances;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.ledger.TransferKind;
import io.lingqian.operations.internal.ExplorerStore;

/**
 * The read side of the ledger explorer: finds accounts by id, reference or owner, names their owners,
 * and finds what was written with a transfer. Balances, statements and transfers themselves come from
 * the {@link Ledger}; nothing here moves money.
 */
@Service
public class LedgerExplorer {

    /** Most accounts one search answers. */
    public static final int MAX_HITS = 50;

    private final Ledger ledger;
    private final ExplorerStore store;

    LedgerExplorer(Ledger ledger, ExplorerStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /**
     * An account as a person reads it: its type, whose it is, and its balances on its normal side.
     *
     * @param posted    posted balance on the account's normal side
     * @param pending   pending movement against the normal side (holds out, for a credit-normal account)
     * @param incoming  pending movement towards the normal side (holds in)
     * @param available posted less the holds out: what the account can still pay
     */
    public record AccountView(Account account, AccountType type, String owner, long posted, long pending,
                              long incoming, long available) {

        public boolean creditNormal() {
            return type.normalSide() == AccountType.Side.CREDIT;
        }

        /** The balance after a statement line, on this account's normal side. */
        public long balance(Balances after) {
            return creditNormal() ? after.creditBalance() : after.debitBalance();
        }
    }

    /**
     * Accounts matching a query: an account id (digits), a wallet's mobile number (11 digits), a
     * reference or its beginning (anything with a colon, {@code wallet:42}, {@code merchant:7:}), or
     * else part of an owner's name (a merchant's or a wallet user's; the newest owners first).
     */
    public List<AccountView> search(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        Map<Long, Account> found = new LinkedHashMap<>();
        if (q.matches("\\d{1,18}")) {
            ledger.account(Long.parseLong(q)).ifPresent(a -> found.put(a.id(), a));
            if (q.length() == 11) {
                store.walletUserByMobile(q).flatMap(u -> ledger.accountByReference("wallet:" + u))
                        .ifPresent(a -> found.put(a.id(), a));
            }
        } else if (q.contains(":")) {
            ledger.accounts(store.accountsByReferencePrefix(q, MAX_HITS)).forEach(a -> found.put(a.id(), a));
        } else {
            List<String> references = new ArrayList<>();
            store.walletUsersByName(q, MAX_HITS).forEach(u -> references.add("wallet:" + u));
            List<Long> ids = new ArrayList<>(store.accountsOfMerchantsNamed(q, MAX_HITS));
            references.forEach(r -> ledger.accountByReference(r).ifPresent(a -> ids.add(a.id())));
            ledger.accounts(ids.stream().distinct().limit(MAX_HITS).toList()).forEach(a -> found.put(a.id(), a));
        }
        return found.values().stream().limit(MAX_HITS).map(this::view).toList();
    }

    public Optional<AccountView> account(long id) {
        return ledger.account(id).map(this::view);
    }

    public List<AccountView> platformAccounts() {
        return ledger.accounts(PlatformAccount.all().stream().map(PlatformAccount::id).toList()).stream()
                .map(this::view).toList();
    }

    /** The accounts with these ids that exist, as views (for a transfer's two sides). */
    public Map<Long, AccountView> accounts(List<Long> ids) {
        Map<Long, AccountView> views = new LinkedHashMap<>();
        ledger.accounts(ids).forEach(a -> views.put(a.id(), view(a)));
        return views;
    }

    /**
     * Every transfer written in the same ledger batch (one database transaction): a linked chain is
     * always inside one batch, so this shows the payment with its fee and coupon, a withdrawal with
     * its fee and hold. A batch numbers its transfers from one value of the journal sequence.
     */
    public List<Transfer> batchOf(Transfer transfer) {
        long first = Math.floorDiv(transfer.seq(), store.batchStep()) * store.batchStep();
        return store.transferIdsBetween(first, first + store.batchStep()).stream()
                .map(id -> ledger.transfer(id).orElseThrow()).toList();
    }

    /** For a hold: the post or void that resolved it, if any. */
    public Optional<Transfer> resolutionOf(Transfer hold) {
        if (hold.kind() != TransferKind.PENDING) {
            return Optional.empty();
        }
        return store.transferResolving(hold.id()).flatMap(ledger::transfer);
    }

    /**
     * The business object a transfer reference names, by its prefix. {@code orderId} is set when the
     * object is (or belongs to) a payment order.
     */
    public record BusinessObject(String kind, String key, Long orderId) {
    }

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("payment", "payment order"), Map.entry("reverse", "reversed payment order"),
            Map.entry("refund", "refund"), Map.entry("topup", "top-up"), Map.entry("withdrawal", "withdrawal"),
            Map.entry("cardcharge", "card payment"), Map.entry("transfer", "transfer"),
            Map.entry("redpacket", "red packet"), Map.entry("settlement", "merchant settlement"),
            Map.entry("recon", "reconciliation item"), Map.entry("claim", "claim"),
            Map.entry("coupon", "coupon"), Map.entry("stock", "coupon stock"), Map.entry("deposit", "merchant deposit"),
            Map.entry("demo", "demo seed"));

    /** What a reference is about ({@code payment:4200…} is a payment order), if its prefix is known. */
    public Optional<BusinessObject> businessObject(String reference) {
        if (reference == null || !reference.contains(":")) {
            return Optional.empty();
        }
        String prefix = reference.substring(0, reference.indexOf(':'));
        String key = reference.substring(prefix.length() + 1);
        String kind = KINDS.get(prefix);
        if (kind == null) {
            return Optional.empty();
        }
        Long order = switch (prefix) {
            case "payment", "reverse" -> store.orderByTransactionId(key).orElse(null);
            case "refund" -> store.orderByRefundId(key.contains(":") ? key.substring(0, key.indexOf(':')) : key)
                    .orElse(null);
            default -> null;
        };
        return Optional.of(new BusinessObject(kind, key, order));
    }

    private AccountView view(Account a) {
        AccountType type = AccountType.ofCode(a.code());
        Balances b = a.balances();
        boolean credit = type.normalSide() == AccountType.Side.CREDIT;
        return new AccountView(a, type, owner(a.reference()),
                credit ? b.creditBalance() : b.debitBalance(),
                credit ? b.debitsPending() : b.creditsPending(),
                credit ? b.creditsPending() : b.debitsPending(),
                credit ? b.availableCredit() : b.availableDebit());
    }

    /** Whose the account is, from its reference. */
    private String owner(String reference) {
        if (reference == null) {
            return "";
        }
        String[] parts = reference.split(":");
        if (parts.length >= 2 && parts[0].equals("wallet") && parts[1].matches("\\d+")) {
            return store.walletUserName(Long.parseLong(parts[1])).map(n -> "wallet user " + parts[1] + " (" + n + ")")
                    .orElse("wallet user " + parts[1]);
        }
        if (parts.length >= 2 && parts[0].equals("merchant") && parts[1].matches("\\d+")) {
            return store.merchantName(Long.parseLong(parts[1])).map(n -> "merchant " + parts[1] + " (" + n + ")")
                    .orElse("merchant " + parts[1]);
        }
        if (parts[0].equals("platform")) {
            return "the platform";
        }
        return "";
    }
}
