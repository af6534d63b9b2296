package io.lingqian.marketing;

/** Who pays for a stock's coupons. */
public enum StockFunding {
    /** 免充值: the merchant taking the payment gives the discount; nothing is funded in advance. */
    MERCHANT,
    /** 预充值 by the creating merchant (a sponsor): its settlement account funds the budget at start. */
    SPONSOR,
    /** 预充值 by the operator: its capital funds the budget at start. */
    PLATFORM;

    public boolean preFunded() {
        return this != MERCHANT;
    }
}
