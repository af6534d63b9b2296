package io.lingqian.risk;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.lingqian.wallet.WalletSecurityEvent;

/**
 * Feeds the wallet's security events into the engine (wrong passwords, credential changes) and opens
 * a case when a payment password locks after too many wrong attempts.
 */
@Component
class RiskSignals {

    private final RiskEngine engine;
    private final RiskCases cases;

    RiskSignals(RiskEngine engine, RiskCases cases) {
        this.engine = engine;
        this.cases = cases;
    }

    @EventListener
    void on(WalletSecurityEvent event) {
        if (event.userId() == null) {
            return;
        }
        if (event.kind() == WalletSecurityEvent.Kind.PASSWORD_WRONG) {
            engine.recordPasswordFailure(event.userId(), event.at());
        } else if (event.kind().changesCredentials()) {
            engine.recordSecurityChange(event.userId(), event.at());
        } else if (event.kind() == WalletSecurityEvent.Kind.PASSWORD_LOCKED) {
            cases.record(event.userId(), "PASSWORD_LOCKED", "DENY",
                    "The payment password locked after too many wrong attempts", "wallet");
        }
    }
}
