package io.lingqian.merchant;

/**
 * Pays a settlement out to a merchant's bank account. Implementations must be idempotent per
 * {@link Payout#instructionId()}: asking again with the same id (after a timeout, a crash, or to
 * learn an unknown outcome) returns the first payout's outcome and never pays twice. Implemented in
 * {@code internal} through the bank context's {@link io.lingqian.bank.BankConnector}.
 */
public interface SettlementBank {

    Result pay(Payout payout);

    /**
     * @param payingBank    the partner bank the platform pays from (its reserve covers the payout)
     * @param bankName      the merchant's bank
     * @param accountNumber digits, opened from its sealed form only for this call; never log it
     */
    record Payout(String instructionId, long merchantId, String payingBank, String bankName, String holderName,
                  String accountNumber, long amountFen) {

        @Override
        public String toString() {
            return "Payout[" + instructionId + ", merchant " + merchantId + ", " + amountFen + " fen]";
        }
    }

    enum Outcome {
        /** The money has left for the merchant's account. */
        SUCCEEDED,
        /** The bank refused; nothing was paid. */
        FAILED,
        /** No answer (a timeout): ask again later with the same instruction id. */
        UNKNOWN
    }

    record Result(Outcome outcome, String detail) {
    }
}
