package io.lingqian.reconciliation.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Names each bank operation and each bank-facing transfer by one key, so the two sides can be
 * matched: {@code topup-7} and transfer {@code topup:7} are {@code topup:7}; {@code withdrawal-7}
 * and the post of hold {@code withdrawal:7:hold} are {@code withdrawal:7}; {@code cardcharge-7-2}
 * and {@code cardcharge:7} are {@code cardcharge:7}; {@code settlement:3:1} and the post of
 * {@code settlement:3:1:hold} are {@code settlement:3:1}; {@code cardcredit-9} (purpose
 * {@code refund:R:2}) and the post of {@code refund:R:hold:2} are {@code refund:R:hold:2}.
 * Anything else keeps its own id, and so finds no partner.
 */
@Component
public class OperationKeys {

    private final ReconStore store;

    OperationKeys(ReconStore store) {
        this.store = store;
    }

    public String ofBankOperation(String operationId) {
        if (operationId.startsWith("topup-")) {
            return "topup:" + operationId.substring("topup-".length());
        }
        if (operationId.startsWith("withdrawal-")) {
            return "withdrawal:" + operationId.substring("withdrawal-".length());
        }
        if (operationId.startsWith("cardcharge-")) {
            String rest = operationId.substring("cardcharge-".length());
            int dash = rest.indexOf('-');
            return "cardcharge:" + (dash < 0 ? rest : rest.substring(0, dash));
        }
        if (operationId.startsWith("cardcredit-")) {
            Optional<String> purpose = number(operationId.substring("cardcredit-".length()))
                    .flatMap(store::cardCreditPurpose);
            if (purpose.isPresent()) {
                String[] p = purpose.get().split(":");
                if (p.length == 3 && p[0].equals("refund")) {
                    return "refund:" + p[1] + ":hold:" + p[2];
                }
            }
        }
        return operationId;
    }

    public String ofTransfer(ReconStore.BankFacingTransfer t) {
        if (t.pendingId() == null) {
            return t.id();
        }
        String hold = t.pendingId();
        if ((hold.startsWith("withdrawal:") || hold.startsWith("settlement:")) && hold.endsWith(":hold")) {
            return hold.substring(0, hold.length() - ":hold".length());
        }
        return hold;
    }

    /** The bank operation behind a key, to ask the bank about it. */
    public Optional<String> operationOf(String key) {
        if (key.startsWith("topup:")) {
            return Optional.of("topup-" + key.substring("topup:".length()));
        }
        if (key.startsWith("withdrawal:")) {
            return Optional.of("withdrawal-" + key.substring("withdrawal:".length()));
        }
        if (key.startsWith("settlement:")) {
            return Optional.of(key);
        }
        if (key.startsWith("cardcharge:")) {
            String id = key.substring("cardcharge:".length());
            return number(id).flatMap(store::cardChargeAttempt).map(a -> "cardcharge-" + id + "-" + a);
        }
        String[] p = key.split(":");
        if (p.length == 4 && p[0].equals("refund") && p[2].equals("hold")) {
            return store.cardCreditByPurpose("refund:" + p[1] + ":" + p[3]).map(id -> "cardcredit-" + id);
        }
        return Optional.empty();
    }

    /** The ledger's transfer for a key on whatever day it was posted. */
    public Optional<ReconStore.BankFacingTransfer> transferOf(String key) {
        if (key.startsWith("withdrawal:") || key.startsWith("settlement:")) {
            return store.postOf(key + ":hold");
        }
        if (key.startsWith("refund:") && key.contains(":hold:")) {
            return store.postOf(key);
        }
        return store.transfer(key);
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
