package io.lingqian.payment;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.payment.internal.OrderStore;

/**
 * Moves an unpaid order into the states a payment code reaches on its own, for the sandbox's forced
 * outcomes (docs/sandbox.md): waiting for a payer ({@code USERPAYING}) and failed ({@code PAYERROR}).
 * No money moves in either. Each move follows the {@link TradeState} table, so an order that is no
 * longer unpaid is left as it is.
 */
@Service
public class OrderOverrides {

    private final OrderStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OrderOverrides(OrderStore store, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * NOTPAY → USERPAYING with {@code payerUserId} as the payer, who alone may then pay it.
     *
     * @return the order as it is afterwards
     */
    public PaymentOrder holdAsUserPaying(long orderId, long payerUserId, String why) {
        return transaction.execute(status -> {
            PaymentOrder locked = store.lock(orderId);
            if (locked.tradeState() == TradeState.NOTPAY) {
                store.markUserPaying(orderId, TradeState.NOTPAY, payerUserId, why, clock.instant());
            }
            return store.byId(orderId).orElseThrow();
        });
    }

    /**
     * NOTPAY → USERPAYING → PAYERROR (the table's only way to PAYERROR), or USERPAYING → PAYERROR.
     *
     * @return the order as it is afterwards
     */
    public PaymentOrder fail(long orderId, long payerUserId, String why) {
        return transaction.execute(status -> {
            PaymentOrder locked = store.lock(orderId);
            Instant now = clock.instant();
            if (locked.tradeState() == TradeState.NOTPAY) {
                store.markUserPaying(orderId, TradeState.NOTPAY, payerUserId, why, now);
                locked = store.byId(orderId).orElseThrow();
            }
            if (locked.tradeState() == TradeState.USERPAYING) {
                store.markFailed(orderId, TradeState.USERPAYING, why, now);
            }
            return store.byId(orderId).orElseThrow();
        });
    }
}
