package io.lingqian.accounting;

/**
 * Opens and finds the ledger accounts of users and merchants. Opening is idempotent: the account
 * is found by its reference ({@code wallet:<userId>}, {@code merchant:<merchantId>:settlement}) and opened only
 * if missing, so a retried registration never opens two.
 */
public interface CustomerAccounts {

    /** The wallet (零钱) account of a user: credit-normal, never below zero. Returns its id. */
    long openWallet(long userId);

    /** The account a merchant's takings wait in until settlement. Returns its id. */
    long openMerchantSettlement(long merchantId);

    /** The account holding a merchant's deposit, when the operator requires one. Returns its id. */
    long openMerchantDeposit(long merchantId);

    static String walletReference(long userId) {
        return "wallet:" + userId;
    }

    static String merchantSettlementReference(long merchantId) {
        return "merchant:" + merchantId + ":settlement";
    }

    static String merchantDepositReference(long merchantId) {
        return "merchant:" + merchantId + ":deposit";
    }
}
