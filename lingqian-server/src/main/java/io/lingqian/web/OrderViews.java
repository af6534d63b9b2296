package io.lingqian.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Account;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.Transfer;
import io.lingqian.payment.OrderFilter;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.TradeState;

/** What the merchant portal's and the admin console's order pages share: reading the search form, and an order's postings. */
public final class OrderViews {

    /** One ledger transfer of an order, with its accounts named for the reader. */
    public record Entry(String transferId, String why, String from, String to, long amountFen, Instant at) {
    }

    /** The search form as typed, and the filter it means; {@code error} names a field that could not be read. */
    public record Search(String mchid, String number, String state, String from, String to, OrderFilter filter,
                         String error) {
    }

    private OrderViews() {
    }

    /** Reads the form leniently: a value that does not parse is left out of the filter and reported. */
    public static Search search(String mchid, String number, String state, String from, String to) {
        String error = null;
        TradeState tradeState = null;
        if (state != null && !state.isBlank()) {
            try {
                tradeState = TradeState.valueOf(state);
            } catch (IllegalArgumentException e) {
                error = "Unknown state " + state + ".";
            }
        }
        LocalDate fromDay = null;
        LocalDate toDay = null;
        try {
            fromDay = day(from);
            toDay = day(to);
        } catch (DateTimeParseException e) {
            error = "Dates are written as yyyy-MM-dd.";
        }
        return new Search(mchid, number, state, from, to, new OrderFilter(mchid, number, tradeState, fromDay, toDay),
                error);
    }

    private static LocalDate day(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

    /**
     * The order's ledger transfers (reference {@code payment:<transaction_id>}); none before it is paid.
     *
     * @param name what to call an account, given its ledger reference
     */
    public static List<Entry> entries(Ledger ledger, PaymentOrder order, Function<String, String> name) {
        if (order.payerUserId() == null) {
            return List.of();
        }
        List<Transfer> transfers = ledger.transfersByReference(PaymentRecords.ledgerReference(order));
        Map<Long, String> references = ledger.accounts(transfers.stream()
                        .flatMap(t -> java.util.stream.Stream.of(t.debitAccountId(), t.creditAccountId()))
                        .distinct().toList()).stream()
                .collect(Collectors.toMap(Account::id, a -> a.reference() == null ? "#" + a.id() : a.reference()));
        return transfers.stream().map(t -> new Entry(t.id(), why(t.code()),
                name.apply(references.get(t.debitAccountId())), name.apply(references.get(t.creditAccountId())),
                t.amount(), t.createdAt())).toList();
    }

    private static String why(int code) {
        try {
            return TransferCode.ofCode(code).description();
        } catch (IllegalArgumentException unknown) {
            return "code " + code;
        }
    }
}
