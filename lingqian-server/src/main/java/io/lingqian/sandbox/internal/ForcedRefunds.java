package io.lingqian.sandbox.internal;

import org.springframework.stereotype.Component;

import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.RefundHook;
import io.lingqian.sandbox.Sandbox;
import io.lingqian.sandbox.SandboxRule;

/**
 * Applies the merchant's refund rules: PROCESSING holds the refund until it is released, ABNORMAL
 * makes it abnormal at once. Asked in the refund's transaction, so a refund that is refused leaves
 * a rule for the next refund in place.
 */
@Component
class ForcedRefunds implements RefundHook {

    private final Sandbox sandbox;

    ForcedRefunds(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Hold holdOf(PaymentOrder order, NewRefund request) {
        return sandbox.take(order.merchantId(), SandboxRule.Target.REFUND, request.outRefundNo())
                .map(rule -> rule.outcome() == SandboxRule.Outcome.ABNORMAL ? Hold.ABNORMAL : Hold.PROCESSING)
                .orElse(Hold.NONE);
    }
}
