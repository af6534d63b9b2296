package io.lingqian.merchant;

/**
 * Checks that a settlement bank account exists and belongs to the applicant, before an application
 * may be submitted. Implemented in {@code internal} by an account-name enquiry through the bank
 * context's {@link io.lingqian.bank.BankConnector}.
 */
public interface SettlementAccountVerifier {

    /**
     * @param bankName      the bank, as chosen from {@link io.lingqian.accounting.PartnerBank} names
     * @param holderName    the account holder, already checked to equal the applicant's legal name
     * @param accountNumber digits only
     */
    Verification verify(String bankName, String holderName, String accountNumber);

    /** @param reason why the account was refused; blank when it was verified */
    record Verification(boolean verified, String reason) {

        public static Verification ok() {
            return new Verification(true, "");
        }

        public static Verification refused(String reason) {
            return new Verification(false, reason);
        }
    }
}
