package io.lingqian.bill;

/**
 * The bills Lingqian makes: the trade bill by {@code bill_type} and the fund-flow bill of the basic
 * account (the merchant's settlement account; Lingqian has no operation or fee accounts).
 */
public enum BillKind {
    TRADE_ALL("Trade bill, all"),
    TRADE_SUCCESS("Trade bill, payments"),
    TRADE_REFUND("Trade bill, refunds"),
    FUND_BASIC("Fund-flow bill, basic account");

    private final String label;

    BillKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isTradeBill() {
        return this != FUND_BASIC;
    }
}
