package io.lingqian.bank;

/**
 * The bank's answer to an account-name enquiry (账户名称校验): whether the account exists, is open,
 * and is held under the name asked about. The bank never tells whose it is otherwise.
 */
public record AccountEnquiry(Status status, String message) {

    public enum Status {
        /** The account is open and held under exactly that name. */
        MATCHES,
        /** The account exists, but its holder has another name. */
        NAME_MISMATCH,
        /** The account was closed. */
        CLOSED
    }

    public boolean matches() {
        return status == Status.MATCHES;
    }
}
