package io.lingqian.bank;

/**
 * The bank refused a request before doing anything: an invalid card or account number, or a four-element check
 * that failed (the reserved phone does not match, the card is frozen). Nothing was done.
 */
public class BankException extends RuntimeException {

    public static final String INVALID_CARD = "invalid_card";
    public static final String INVALID_ACCOUNT = "invalid_account";
    public static final String PHONE_MISMATCH = "phone_mismatch";
    public static final String OPERATION_MISMATCH = "operation_mismatch";

    private final String code;

    public BankException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
