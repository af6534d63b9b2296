package io.lingqian.wallet;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.TransferCode;
import io.lingqian.bank.CardNumbers;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Statement;
import io.lingqian.ledger.TransferKind;
import io.lingqian.wallet.internal.CardChargeStore;
import io.lingqian.wallet.internal.CardStore;
import io.lingqian.wallet.internal.MoneyStore;

/**
 * The bill list: top-ups, withdrawals and card charges from their records (failed ones too, which never touched
 * the ledger), and every other movement of the balance from the wallet account's ledger statement.
 */
@Service
public class WalletHistory {

    /** Statement pages read per request: bounds the work of one bill list. */
    private static final int MAX_PAGES = 20;

    private final MoneyStore money;
    private final CardChargeStore charges;
    private final CardStore cards;
    private final Ledger ledger;
    private final CustomerAccounts accounts;
    private final Clock clock;
    private final ObjectProvider<BillDescriber> describers;

    WalletHistory(MoneyStore money, CardChargeStore charges, CardStore cards, Ledger ledger, CustomerAccounts accounts,
            Clock clock, ObjectProvider<BillDescriber> describers) {
        this.describers = describers;
        this.money = money;
        this.charges = charges;
        this.cards = cards;
        this.ledger = ledger;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * @param month only bills created in this month (China Standard Time), or all when null
     * @param kind  only bills of this kind, or all when null or blank
     */
    public List<Bill> bills(long userId, YearMonth month, String kind) {
        ZoneId zone = clock.getZone();
        List<Bill> all = new ArrayList<>();
        money.topUps(userId).forEach(t -> all.add(topUp(t)));
        money.withdrawals(userId).forEach(w -> all.add(withdrawal(w)));
        charges.ofUser(userId).forEach(c -> all.add(cardCharge(c)));
        all.addAll(ledgerBills(userId).values());
        return all.stream()
                .filter(b -> month == null || YearMonth.from(b.createdAt().atZone(zone)).equals(month))
                .filter(b -> kind == null || kind.isBlank() || b.kind().equalsIgnoreCase(kind))
                .sorted(Comparator.comparing(Bill::createdAt).reversed().thenComparing(Bill::reference))
                .toList();
    }

    /** One bill with the ledger transfers behind it; only the user's own. */
    public Bill bill(long userId, String reference) {
        Bill found;
        if (reference.startsWith("topup:")) {
            found = money.topUp(parseId(reference)).filter(t -> t.userId() == userId).map(this::topUp)
                    .orElseThrow(() -> WalletProblems.notFound("bill"));
        } else if (reference.startsWith("withdrawal:")) {
            found = money.withdrawal(parseId(reference)).filter(w -> w.userId() == userId).map(this::withdrawal)
                    .orElseThrow(() -> WalletProblems.notFound("bill"));
        } else if (reference.startsWith("cardcharge:")) {
            found = charges.byId(parseId(reference)).filter(c -> c.userId() == userId).map(this::cardCharge)
                    .orElseThrow(() -> WalletProblems.notFound("bill"));
        } else {
            found = ledgerBills(userId).get(reference);
            if (found == null) {
                throw WalletProblems.notFound("bill");
            }
        }
        List<Bill.Movement> movements = ledger.transfersByReference(reference).stream()
                .map(t -> new Bill.Movement(t.id(), t.kind().name(), t.code() == 0 ? "" : TransferCode.ofCode(t.code()).name(),
                        t.amount() == 0 ? t.pendingAmount() : t.amount(), t.createdAt()))
                .toList();
        return new Bill(found.reference(), found.kind(), found.title(), found.amountFen(), found.feeFen(),
                found.status(), found.createdAt(), found.counterparty(), found.failureMessage(), movements);
    }

    private static long parseId(String reference) {
        try {
            return Long.parseLong(reference.substring(reference.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw WalletProblems.notFound("bill");
        }
    }

    private String cardLabel(long cardId) {
        return cards.card(cardId).map(c -> PartnerBank.valueOf(c.bank()).displayName() + " " + CardNumbers.mask(c.last4()))
                .orElse("");
    }

    private Bill topUp(TopUp t) {
        return new Bill(t.reference(), "TOPUP", "Top-up", t.amountFen(), 0, t.status().name(), t.createdAt(),
                cardLabel(t.cardId()), t.failureMessage(), List.of());
    }

    private Bill withdrawal(Withdrawal w) {
        return new Bill(w.reference(), "WITHDRAWAL", "Withdrawal", -w.amountFen(), w.feeFen(), w.status().name(),
                w.createdAt(), cardLabel(w.cardId()), w.failureMessage(), List.of());
    }

    /**
     * A card paying: money into the balance from the card, followed (SPENT) by the payment, transfer or
     * red packet it paid for, which is a bill of its own; TO_BALANCE when it stayed in the balance.
     */
    private Bill cardCharge(CardCharge c) {
        String status = switch (c.status()) {
            case SPENT, TO_BALANCE -> "SUCCEEDED";
            case FAILED -> "FAILED";
            default -> "PROCESSING";
        };
        String title = c.status() == CardChargeStatus.TO_BALANCE ? "Card charge kept in the balance"
                : "Paid by card (" + c.purpose() + ")";
        String why = c.status() == CardChargeStatus.FAILED ? c.failureMessage() : null;
        return new Bill(c.reference(), "CARD_FUNDING", title, c.amountFen(), 0, status, c.createdAt(),
                cardLabel(c.cardId()), why, List.of());
    }

    /** Movements of the wallet account not made by this context's records, one bill per reference. */
    private Map<String, Bill> ledgerBills(long userId) {
        long wallet = accounts.openWallet(userId);
        Map<String, List<Statement.Line>> byReference = new LinkedHashMap<>();
        long after = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Statement s = ledger.statement(wallet, after, 1000);
            for (Statement.Line line : s.lines()) {
                String ref = line.reference() == null ? line.transferId() : line.reference();
                if (!ref.startsWith("topup:") && !ref.startsWith("withdrawal:") && !ref.startsWith("cardcharge:")) {
                    byReference.computeIfAbsent(ref, r -> new ArrayList<>()).add(line);
                }
            }
            if (s.nextAfterSeq() == null) {
                break;
            }
            after = s.nextAfterSeq();
        }
        Map<String, Bill> bills = new LinkedHashMap<>();
        byReference.forEach((ref, lines) -> {
            long net = 0;
            boolean pending = false;
            for (Statement.Line l : lines) {
                long sign = l.side() == Statement.Side.CREDIT ? 1 : -1;
                if (l.kind() == TransferKind.PENDING) {
                    pending = true;
                } else if (l.kind() == TransferKind.VOID_PENDING) {
                    pending = false;
                } else {
                    pending = l.kind() != TransferKind.POST_PENDING && pending;
                    net += sign * l.amount();
                }
            }
            Statement.Line first = lines.get(0);
            TransferCode code = TransferCode.ofCode(first.code());
            BillDescriber.Description described = describers.orderedStream()
                    .flatMap(d -> d.describe(userId, ref).stream()).findFirst()
                    .orElse(new BillDescriber.Description(code.description(), ""));
            bills.put(ref, new Bill(ref, code.name(), described.title(), net, 0, pending ? "PROCESSING" : "SUCCEEDED",
                    first.at(), described.counterparty(), null, List.of()));
        });
        return bills;
    }
}
