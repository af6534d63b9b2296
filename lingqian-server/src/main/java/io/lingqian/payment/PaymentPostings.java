package io.lingqian.payment;

import java.util.ArrayList;
import java.util.List;

import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;

/**
 * The linked batch of one payment, named after its transaction id so that a retry posts nothing
 * twice: {@code payer wallet → merchant settlement} (PAYMENT, {@code payment:<id>}), each pre-funded discount
 * {@code funding account → merchant settlement} (COUPON_REDEMPTION, {@code payment:<id>:discount:<d>}),
 * and the fee {@code merchant settlement → FEE_INCOME} (PAYMENT_FEE, {@code payment:<id>:fee}).
 * Every transfer carries the reference {@code payment:<id>}, which is also the payer's bill.
 */
final class PaymentPostings {

    private PaymentPostings() {
    }

    static String reference(String transactionId) {
        return "payment:" + transactionId;
    }

    static List<TransferRequest> of(String transactionId, long payerWallet, long merchantSettlement, long payerTotalFen,
            List<PaymentHook.Discount> discounts, long feeFen) {
        String ref = reference(transactionId);
        List<TransferRequest> postings = new ArrayList<>();
        if (payerTotalFen > 0) {
            postings.add(TransferRequest.single(ref, payerWallet, merchantSettlement, payerTotalFen, Ledger.CNY,
                    TransferCode.PAYMENT.code(), ref));
        }
        // A merchant-funded (NOCASH) discount moves nothing: the merchant is simply paid the total less it.
        for (PaymentHook.Discount d : discounts.stream().filter(d -> !d.merchantFunded()).toList()) {
            postings.add(TransferRequest.single(ref + ":discount:" + d.id(), d.fundingAccountId(), merchantSettlement,
                    d.amountFen(), Ledger.CNY, TransferCode.COUPON_REDEMPTION.code(), ref));
        }
        if (feeFen > 0) {
            postings.add(TransferRequest.single(ref + ":fee", merchantSettlement, PlatformAccount.FEE_INCOME.id(),
                    feeFen, Ledger.CNY, TransferCode.PAYMENT_FEE.code(), ref));
        }
        return postings;
    }
}
