package io.lingqian.sandbox.internal;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.payment.OrderOverrides;
import io.lingqian.payment.OrderPlaced;
import io.lingqian.payment.PaymentHook;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.TradeType;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxPayers;
import io.lingqian.sandbox.SandboxRefusal;
import io.lingqian.sandbox.SandboxRule;

/**
 * Applies the merchant's payment rules.
 *
 * <ul>
 * <li>An order placed through prepay (Native, JSAPI, APP, H5): right after its creation committed, and
 *     before the prepay call answers, SUCCESS has the test payer pay it, USERPAYING makes it wait for
 *     the test payer, PAYERROR fails it.</li>
 * <li>A payment-code order: as a {@link PaymentHook}, when the code's payer pays password-free,
 *     USERPAYING asks for the payer's password instead (the order waits, as for a payer over the
 *     password-free limit) and PAYERROR refuses the payment (the order fails). SUCCESS changes nothing:
 *     it would skip a real payer's password.</li>
 * </ul>
 */
@Component
@Order(10)
class ForcedPayments implements PaymentHook {

    private static final Logger log = LoggerFactory.getLogger(ForcedPayments.class);

    private final Sandbox sandbox;
    private final SandboxPayers payers;
    private final OrderOverrides overrides;
    private final TransactionTemplate outside;
    private final TransactionTemplate ownTransaction;

    ForcedPayments(Sandbox sandbox, SandboxPayers payers, OrderOverrides overrides,
            PlatformTransactionManager transactions) {
        this.sandbox = sandbox;
        this.payers = payers;
        this.overrides = overrides;
        this.outside = new TransactionTemplate(transactions);
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Takes the merchant's rule for the order in the order's own transaction, just before it commits
     * (a rule for the next payment only is used up exactly when the order is placed), and applies it
     * once the order committed, outside that transaction (NOT_SUPPORTED: each service starts its own),
     * so that a forced outcome that cannot be applied never undoes or fails the prepay itself. Looking
     * the rule up on the order's connection matters: after the commit that connection is still held,
     * and a second one taken for every order while the first is held starves the pool under load.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void onPlaced(OrderPlaced placed) {
        PaymentOrder order = placed.order();
        if (order.tradeType() == TradeType.MICROPAY) {
            return;
        }
        Optional<SandboxRule> rule = sandbox.take(order.merchantId(), SandboxRule.Target.PAYMENT, order.outTradeNo());
        if (rule.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                outside.executeWithoutResult(status -> apply(order, rule.get()));
            }
        });
    }

    private void apply(PaymentOrder order, SandboxRule rule) {
        String why = "sandbox: rule " + rule.id() + " forced " + rule.outcome();
        try {
            switch (rule.outcome()) {
                case SUCCESS -> payers.pay(order.merchantId(), order.outTradeNo());
                case USERPAYING -> overrides.holdAsUserPaying(order.id(), payers.payerUserId(order.merchantId()), why);
                case PAYERROR -> overrides.fail(order.id(), payers.payerUserId(order.merchantId()), why);
                default -> throw new IllegalStateException("not a payment outcome: " + rule.outcome());
            }
        } catch (SandboxRefusal | ApiProblemException notApplied) {
            log.warn("Sandbox rule {} could not be applied to order {} of merchant {}: {}", rule.id(),
                    order.outTradeNo(), order.merchantId(), notApplied.getMessage());
        }
    }

    @Override
    public List<Discount> beforeMoneyMoves(PaymentAttempt attempt) {
        PaymentOrder order = attempt.order();
        if (order.tradeType() != TradeType.MICROPAY || !attempt.passwordFree()) {
            return List.of();
        }
        // Taken in a transaction of its own: the refusal below rolls the payment's transaction back, and
        // a rule for the next payment must stay used up all the same.
        Optional<SandboxRule> rule = ownTransaction.execute(status ->
                sandbox.take(order.merchantId(), SandboxRule.Target.PAYMENT, order.outTradeNo()));
        if (rule.isEmpty()) {
            return List.of();
        }
        return switch (rule.get().outcome()) {
            case USERPAYING -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "password_required",
                    "Sandbox rule " + rule.get().id() + ": confirm this payment with your payment password.");
            case PAYERROR -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "sandbox_payerror",
                    "Sandbox rule " + rule.get().id() + " forced this payment to fail.");
            default -> List.of();
        };
    }
}
