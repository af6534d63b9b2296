package io.lingqian.wallet;

import org.springframework.http.HttpStatus;

import io.lingqian.platform.ApiProblemException;

/**
 * The wallet's refusals, each with a stable problem code. Thrown before anything changed (or inside
 * a transaction that then rolls back), so a refused request has moved nothing.
 */
public final class WalletProblems {

    private WalletProblems() {
    }

    public static ApiProblemException invalid(String code, String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiProblemException refused(String code, String detail) {
        return new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    public static ApiProblemException conflict(String code, String detail) {
        return new ApiProblemException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiProblemException forbidden(String code, String detail) {
        return new ApiProblemException(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiProblemException notFound(String what) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "not_found", "No such " + what + ".");
    }

    /**
     * The wallet's ledger account refused a debit because it is frozen (or closed): a freeze that
     * landed between the risk check, which gives the same answer, and the posting.
     */
    public static ApiProblemException walletFrozen() {
        return new ApiProblemException(HttpStatus.LOCKED, "wallet_frozen",
                "Your wallet is frozen: it cannot pay, transfer or withdraw. Nothing was moved.");
    }

    public static ApiProblemException locked(String detail) {
        return new ApiProblemException(HttpStatus.LOCKED, "payment_password_locked", detail);
    }
}
