package io.lingqian.merchant.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.lingqian.merchant.SettlementBank;

/**
 * The settlement bank of the sandbox: pays every payout at once, remembering each instruction so a
 * repeated one gets its first answer. Tests (and, later, the sandbox's fault injection) set the
 * outcome of the next payouts with {@link #answerWith}.
 */
@Component
public class SimulatedSettlementBank implements SettlementBank {

    private final Map<String, Result> answered = new ConcurrentHashMap<>();
    private volatile Outcome next = Outcome.SUCCEEDED;

    /** From now on, new instructions get this outcome (UNKNOWN ones are not remembered: asking again decides). */
    public void answerWith(Outcome outcome) {
        this.next = outcome;
    }

    @Override
    public Result pay(Payout payout) {
        Result first = answered.get(payout.instructionId());
        if (first != null) {
            return first;
        }
        Outcome outcome = next;
        Result result = switch (outcome) {
            case SUCCEEDED -> new Result(Outcome.SUCCEEDED, "paid by the simulated bank");
            case FAILED -> new Result(Outcome.FAILED, "the simulated bank refused the payout");
            case UNKNOWN -> new Result(Outcome.UNKNOWN, "the simulated bank did not answer");
        };
        if (outcome != Outcome.UNKNOWN) {
            answered.putIfAbsent(payout.instructionId(), result);
        }
        return answered.getOrDefault(payout.instructionId(), result);
    }
}
