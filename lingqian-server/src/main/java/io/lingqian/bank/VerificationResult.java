package io.lingqian.bank;

/**
 * The bank's answer to an SMS code.
 *
 * @param attemptsLeft how many more codes may be tried for this challenge
 */
public record VerificationResult(Status status, int attemptsLeft) {

    public enum Status {
        /** The code matched: name, ID number, card and phone belong together. */
        VERIFIED,
        /** Wrong code; more attempts may remain. */
        WRONG_CODE,
        /** The code is no longer valid; start again. */
        EXPIRED,
        /** Too many wrong codes; start again. */
        TOO_MANY_ATTEMPTS,
        /** No such challenge, or it was answered already. */
        NOT_FOUND
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
