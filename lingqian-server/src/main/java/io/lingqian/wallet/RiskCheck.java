package io.lingqian.wallet;

/**
 * The risk engine's gate, called by every money movement out of a wallet (and by the password and
 * card-binding changes) before anything is recorded or moved. The risk context implements it; the
 * wallet and the contexts that pay from a wallet only call it, so none of them depends on risk.
 * A refusal is an {@link io.lingqian.platform.ApiProblemException}: {@code wallet_frozen},
 * {@code risk_denied} or {@code risk_challenge} (with a challenge to pass by SMS code).
 */
public interface RiskCheck {

    /** What the user is about to do. */
    enum Action {
        PAYMENT, TRANSFER, RED_PACKET, WITHDRAWAL, PAYOUT, PASSWORD_CHANGE, CARD_BINDING
    }

    /**
     * One attempt.
     *
     * @param key         the caller's idempotency key for this attempt (a client request id, an order's
     *                    transaction id), or null: a retry of the same key is the same attempt, counted
     *                    once, and a passed challenge lets exactly that attempt through
     * @param payeeUserId the user paid, or null
     * @param merchantId  the merchant paid, or null
     * @param cardId      the user's bound card involved, or null
     * @param cardIndex   the blind index of a card being bound (not yet a bound card), or null
     */
    record Attempt(Action action, String key, long userId, String deviceId, long amountFen, Long payeeUserId,
                   Long merchantId, Long cardId, String cardIndex, boolean passwordFree) {

        public static Attempt of(Action action, String key, long userId, String deviceId, long amountFen,
                boolean passwordFree) {
            return new Attempt(action, key, userId, deviceId, amountFen, null, null, null, null, passwordFree);
        }

        public Attempt toUser(Long payee) {
            return new Attempt(action, key, userId, deviceId, amountFen, payee, merchantId, cardId, cardIndex,
                    passwordFree);
        }

        public Attempt withCard(Long card) {
            return new Attempt(action, key, userId, deviceId, amountFen, payeeUserId, merchantId, card, cardIndex,
                    passwordFree);
        }
    }

    /** Lets the attempt go ahead or throws the refusal. */
    void check(Attempt attempt);

    /**
     * Money the sender sent earlier that still waits (a transfer not yet accepted, a red packet not yet
     * opened) is held while the sender's wallet is frozen: nobody may take it on (accept, open), and the
     * sender may not withdraw it; it may still go back to the sender by itself (the receiver gives it
     * back, it expires), which is money arriving. Called in the transaction that would release it.
     *
     * @param actingUserId the user trying to release it (the sender, or a receiver)
     * @throws io.lingqian.platform.ApiProblemException {@code wallet_frozen} (the sender acting) or
     *         {@code outflow_held} (someone else), both 423
     */
    void checkHeldOutflow(long senderUserId, long actingUserId);
}
