/**
 * Bank connectivity: the {@link io.lingqian.bank.BankConnector} the wallet uses to check a card's
 * four elements, debit a card for a top-up, credit one for a withdrawal, ask about an operation whose
 * outcome is unknown and fetch a bank's daily statement, and the merchant context uses to verify a
 * corporate account by an account-name enquiry and pay a settlement to it; and the built-in simulated
 * bank behind it, with the partner banks' BIN table, Luhn check and documented test cards
 * ({@link io.lingqian.bank.TestCard}) and test accounts ({@link io.lingqian.bank.TestAccount}).
 *
 * <p>No card or account number is stored here in the clear: the simulator keeps the last four digits and the
 * behaviour it read from the number, and SMS codes sealed with the platform's field cipher.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bank")
package io.lingqian.bank;
