package io.lingqian.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.TransferRequest;

class TradeStateTest {

    @Test
    void onlyTheDocumentedTransitionsAreAllowed() {
        assertThat(TradeState.NOTPAY.next(TradeState.SUCCESS)).isEqualTo(TradeState.SUCCESS);
        assertThat(TradeState.NOTPAY.canBecome(TradeState.CLOSED)).isTrue();
        assertThat(TradeState.SUCCESS.canBecome(TradeState.REFUND)).isTrue();
        assertThat(TradeState.USERPAYING.canBecome(TradeState.PAYERROR)).isTrue();
        for (TradeState end : List.of(TradeState.CLOSED, TradeState.REVOKED, TradeState.PAYERROR, TradeState.REFUND)) {
            for (TradeState any : TradeState.values()) {
                assertThat(end.canBecome(any)).as(end + " → " + any).isFalse();
            }
        }
        assertThatThrownBy(() -> TradeState.SUCCESS.next(TradeState.CLOSED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUCCESS cannot become CLOSED");
        assertThatThrownBy(() -> TradeState.CLOSED.next(TradeState.SUCCESS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPaymentPostsPayerDiscountsAndFeeUnderIdsOfItsTransaction() {
        String tx = "4200000002202611270000000001";
        List<TransferRequest> postings = PaymentPostings.of(tx, 1_000_001, 1_000_002, 90_00,
                List.of(new PaymentHook.Discount("c1", "10 off", 10_00, PlatformAccount.COUPON_FUNDING.id())), 60);

        assertThat(postings).extracting(TransferRequest::id)
                .containsExactly("payment:" + tx, "payment:" + tx + ":discount:c1", "payment:" + tx + ":fee");
        assertThat(postings).extracting(TransferRequest::amount).containsExactly(90_00L, 10_00L, 60L);
        assertThat(postings).extracting(TransferRequest::code).containsExactly(TransferCode.PAYMENT.code(),
                TransferCode.COUPON_REDEMPTION.code(), TransferCode.PAYMENT_FEE.code());
        assertThat(postings).extracting(TransferRequest::creditAccountId)
                .containsExactly(1_000_002L, 1_000_002L, PlatformAccount.FEE_INCOME.id());
        assertThat(postings).allSatisfy(t -> assertThat(t.reference()).isEqualTo("payment:" + tx));

        assertThat(PaymentPostings.of(tx, 1, 2, 0, List.of(new PaymentHook.Discount("all", "free", 5_00, 3)), 0))
                .extracting(TransferRequest::id).containsExactly("payment:" + tx + ":discount:all");
    }
}
