package io.lingqian.payment;

import java.util.ArrayList;
import java.util.List;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;

/**
 * The linked batch of one refund, named after its refund id so that a retry posts nothing twice.
 * The fee comes back first ({@code FEE_INCOME → merchant settlement}, FEE_REFUND,
 * {@code refund:<id>:fee}), so the merchant's balance has to cover only the refund net of it; then
 * {@code merchant settlement → payer} (REFUND, {@code refund:<id>}), and each discount's share
 * {@code merchant settlement → its funding account} (REFUND, {@code refund:<id>:discount:<d>}).
 * Every transfer carries the reference {@code refund:<id>}, which is also the payer's bill.
 */
final class RefundPostings {

    /** A discount's share of this refund, back to the account that funded it. */
    record DiscountLeg(String id, long fundingAccountId, long amountFen) {
    }

    private RefundPostings() {
    }

    static String reference(String refundId) {
        return "refund:" + refundId;
    }

    static String discountPrefix(String refundId) {
        return reference(refundId) + ":discount:";
    }

    /**
     * The hold of a card refund's n-th attempt: {@code WITHDRAWAL_IN_TRANSIT → BANK_RESERVE(bank)},
     * posted when the bank credits the card, voided when it refuses (REFUND, {@code refund:<id>:hold:<n>}).
     */
    static TransferRequest cardHold(String refundId, int attempt, PartnerBank bank, long amountFen) {
        return TransferRequest.pending(cardHoldId(refundId, attempt), PlatformAccount.WITHDRAWAL_IN_TRANSIT.id(),
                PlatformAccount.bankReserve(bank).id(), amountFen, Ledger.CNY, TransferCode.REFUND.code(), 0,
                reference(refundId));
    }

    static String cardHoldId(String refundId, int attempt) {
        return reference(refundId) + ":hold:" + attempt;
    }

    static List<TransferRequest> of(String refundId, long merchantSettlement, long payerAccount, long payerRefundFen,
            List<DiscountLeg> discounts, long feeRefundFen) {
        String ref = reference(refundId);
        List<TransferRequest> postings = new ArrayList<>();
        if (feeRefundFen > 0) {
            postings.add(TransferRequest.single(ref + ":fee", PlatformAccount.FEE_INCOME.id(), merchantSettlement,
                    feeRefundFen, Ledger.CNY, TransferCode.FEE_REFUND.code(), ref));
        }
        if (payerRefundFen > 0) {
            postings.add(TransferRequest.single(ref, merchantSettlement, payerAccount, payerRefundFen, Ledger.CNY,
                    TransferCode.REFUND.code(), ref));
        }
        for (DiscountLeg d : discounts) {
            if (d.amountFen() > 0) {
                postings.add(TransferRequest.single(discountPrefix(refundId) + d.id(), merchantSettlement,
                        d.fundingAccountId(), d.amountFen(), Ledger.CNY, TransferCode.REFUND.code(), ref));
            }
        }
        return postings;
    }
}
