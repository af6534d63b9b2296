package io.lingqian.bank;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.lingqian.accounting.PartnerBank;

/**
 * What the platform asks of its partner banks. Every money-moving call carries the caller's
 * operation id; repeating it returns the first operation and moves nothing twice, and the same id
 * with another card or amount is refused.
 */
public interface BankConnector {

    /** Which bank issued a card, and whether it is a debit or credit card; empty for a card no partner issues. */
    Optional<CardBin> identify(String cardNumber);

    /**
     * Starts a four-element check: the issuing bank compares the elements with its records and, when
     * they match, sends an SMS code to the reserved phone.
     *
     * @throws BankException when the card is invalid or the bank refuses the elements
     */
    VerificationChallenge startVerification(FourElements elements);

    /** Answers a challenge with the SMS code the holder received. */
    VerificationResult confirmVerification(String challengeId, String smsCode);

    /**
     * The SMS code of a challenge, where the connector is a sandbox that "sends" codes to nobody: the
     * wallet shows it to the user so the flow can be completed. Empty for a real bank.
     */
    Optional<String> sandboxSmsCode(String challengeId);

    /** Takes money from a card (a top-up). The answer may be final, or PROCESSING / UNKNOWN. */
    BankOperation debit(String operationId, String cardNumber, long amountFen);

    /** Pays money to a card (a withdrawal). The answer may be final, or PROCESSING / UNKNOWN. */
    BankOperation credit(String operationId, String cardNumber, long amountFen);

    /**
     * Account-name enquiry: whether a corporate account exists at its bank, is open and is held under
     * {@code account.holderName()}. Moves nothing.
     *
     * @throws BankException when the account number is malformed
     */
    AccountEnquiry enquireAccount(CorporateAccount account);

    /**
     * Pays from the platform's account at {@code payingBank} to a corporate account (a settlement).
     * The answer may be final, or PROCESSING / UNKNOWN; {@link #query} or the same call again tells more.
     *
     * @throws BankException when the account is malformed, or the operation id was used for another payment
     */
    BankOperation payToAccount(String operationId, PartnerBank payingBank, CorporateAccount payee, long amountFen);

    /** What the bank knows of an operation now; empty when the bank never received it. */
    Optional<BankOperation> query(String operationId);

    /** The operations the bank finished on a business day (China Standard Time), for reconciliation. */
    List<StatementLine> statement(PartnerBank bank, LocalDate day);
}
