package io.lingqian.accounting;

/** Why money moves: the ledger transfer's {@code code}. Statements and statistics group by it. */
public enum TransferCode {
    TOPUP(1, "Top-up from a bank card"),
    WITHDRAWAL(2, "Withdrawal to a bank card"),
    WITHDRAWAL_FEE(3, "Withdrawal fee"),
    CARD_FUNDING(4, "Paid by bank card"),
    PAYMENT(10, "Payment to a merchant"),
    PAYMENT_FEE(11, "Merchant fee on a payment"),
    REFUND(12, "Refund of a payment"),
    FEE_REFUND(13, "Merchant fee returned with a refund"),
    SETTLEMENT(14, "Settlement to a merchant's bank account"),
    MERCHANT_DEPOSIT(15, "Merchant deposit"),
    PROVIDER_COMMISSION(16, "Service provider's commission on a sub-merchant's fees"),
    TRANSFER(20, "Transfer between users"),
    RED_PACKET(21, "Red packet"),
    RED_PACKET_REFUND(22, "Unopened red packet returned"),
    MERCHANT_RED_PACKET(23, "Merchant's red packet"),
    MERCHANT_RED_PACKET_REFUND(24, "Unopened merchant's red packet returned"),
    COUPON_FUNDING(30, "Coupon budget"),
    COUPON_REDEMPTION(31, "Coupon used in a payment"),
    PAYOUT(32, "Merchant payout to a user"),
    COMPENSATION(40, "Compensation for stolen funds"),
    RISK_HOLD(60, "Amount held by risk control"),
    CAPITAL(50, "Operator capital"),
    FUND_ALLOCATION(51, "Allocation of operator funds"),
    ADJUSTMENT(90, "Correction");

    private final int code;
    private final String description;

    TransferCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static TransferCode ofCode(int code) {
        for (TransferCode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("no transfer code " + code);
    }
}
