package io.lingqian.wallet;

import java.util.Optional;

/**
 * Says what a movement of the balance that another context recorded was, for the bill list: a title
 * and who the other side is (a merchant's payout says the merchant's name and the merchant's note).
 * Movements no describer knows keep their transfer code's description.
 */
public interface BillDescriber {

    record Description(String title, String counterparty) {
    }

    /** The user's bill with this ledger reference, or empty when it is not one of this describer's. */
    Optional<Description> describe(long userId, String reference);
}
