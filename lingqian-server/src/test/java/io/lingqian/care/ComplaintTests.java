package io.lingqian.care;

import static io.lingqian.care.ClaimTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.payment.NewRefund;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.Refunds;
import io.lingqian.testing.ServerTest;
import io.lingqian.wallet.TestPayers;

/**
 * Complaints through the services: the merchant's deadlines enforced by the moved clock and the
 * deadline job, staff escalation refunding the user from the merchant's funds once, a merchant's own
 * refund resolving the complaint, and what a user may not complain about.
 */
@ServerTest
class ComplaintTests {

    @Autowired Complaints complaints;
    @Autowired CareFixtures fixtures;
    @Autowired TestMerchants merchants;
    @Autowired TestPayers payers;
    @Autowired Refunds refunds;
    @Autowired CustomerAccounts accounts;
    @Autowired MerchantNotifications notifications;
    @Autowired AdjustableClock clock;

    @Test
    void anUnansweredComplaintIsOverdueAfter24HoursAndEscalationRefundsTheUserFromTheMerchantOnce() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder order = fixtures.paidOrder(merchant, payer, 20_00);
        Complaint complaint = complaints.file(payer.id(), "payment:" + order.transactionId(),
                ComplaintKind.NOT_RECEIVED, "Nothing arrived.", 15_00L);
        long wallet = accounts.openWallet(payer.id());
        long settlement = accounts.openMerchantSettlement(merchant.id());
        long merchantBefore = fixtures.balance(settlement);

        clock.advance(Duration.ofHours(23));
        complaints.markOverdue();
        assertThat(complaints.ofUser(payer.id(), complaint.complaintId()).overdue()).isFalse();
        assertProblem(() -> complaints.escalate(complaint.complaintId(), null, "staff:s"), "not_overdue");

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(complaints.markOverdue()).isPositive();
        Complaint overdue = complaints.ofUser(payer.id(), complaint.complaintId());
        assertThat(overdue.overdueReason()).isEqualTo("no reply within 24 h");
        assertThat(complaints.forStaff(true)).extracting(Complaint::complaintId).contains(complaint.complaintId());

        Complaint escalated = complaints.escalate(complaint.complaintId(), null, "staff:support-1");

        assertThat(escalated.state()).isEqualTo(ComplaintState.PROCESSED);
        assertThat(escalated.escalatedBy()).isEqualTo("staff:support-1");
        assertThat(fixtures.balance(wallet)).isEqualTo(30_00 + 15_00);
        assertThat(fixtures.balance(settlement)).isLessThan(merchantBefore - 14_00);
        assertThat(notifications.recent(merchant.id(), 20)).extracting(Notification::event)
                .contains(NotificationEvent.REFUND_SUCCESS);
        assertThat(complaints.history(escalated)).extracting(ComplaintStep::operateType).containsExactly(
                "USER_CREATE_COMPLAINT", "COMPLAINT_OVERDUE_SYSTEM_MESSAGE", "COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE",
                "PLATFORM_RESPONSE");
        assertProblem(() -> complaints.escalate(complaint.complaintId(), null, "staff:support-1"),
                "illegal_transition");
        assertThat(fixtures.balance(wallet)).as("refunded once").isEqualTo(45_00);
    }

    @Test
    void anAnsweredComplaintIsOverdueOnlyWhenUnresolvedAfter72Hours() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder order = fixtures.paidOrder(merchant, payer, 10_00);
        Complaint complaint = complaints.file(payer.id(), "payment:" + order.transactionId(), ComplaintKind.OTHER,
                "Rude staff.", null);
        complaints.respond(merchant.id(), complaint.complaintId(), "We are sorry, we will talk to them.");

        clock.advance(Duration.ofHours(48));
        complaints.markOverdue();
        assertThat(complaints.ofUser(payer.id(), complaint.complaintId()).overdue()).isFalse();
        clock.advance(Duration.ofHours(24));
        complaints.markOverdue();

        Complaint overdue = complaints.ofUser(payer.id(), complaint.complaintId());
        assertThat(overdue.state()).isEqualTo(ComplaintState.PROCESSING);
        assertThat(overdue.overdueReason()).isEqualTo("not resolved within 72 h");
        complaints.complete(merchant.id(), complaint.complaintId());
        assertThat(complaints.forStaff(true)).extracting(Complaint::complaintId).doesNotContain(complaint.complaintId());
    }

    @Test
    void theMerchantsRefundResolvesTheComplaintOnceItCoversWhatTheUserAskedFor() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder order = fixtures.paidOrder(merchant, payer, 20_00);
        Complaint complaint = complaints.file(payer.id(), "payment:" + order.transactionId(),
                ComplaintKind.WRONG_AMOUNT, "Charged 20 for a 10 coffee.", 10_00L);

        refund(merchant, order, "R1", 4_00);
        assertThat(complaints.ofUser(payer.id(), complaint.complaintId()).state()).isEqualTo(ComplaintState.PENDING);
        refund(merchant, order, "R2", 6_00);

        Complaint resolved = complaints.ofUser(payer.id(), complaint.complaintId());
        assertThat(resolved.state()).isEqualTo(ComplaintState.PROCESSED);
        assertThat(resolved.fullRefunded()).isFalse();
        assertThat(complaints.history(resolved)).extracting(ComplaintStep::operateType).containsExactly(
                "USER_CREATE_COMPLAINT", "COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE",
                "COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE");
        assertProblem(() -> complaints.respond(merchant.id(), complaint.complaintId(), "late"), "illegal_transition");
    }

    @Test
    void aUserComplainsOnlyAboutTheirOwnPaymentOnceAtATimeAndAMerchantReachesOnlyItsOwn() {
        TestMerchants.ApprovedMerchant merchant = merchants.approved();
        TestPayers.Payer payer = payers.withBalance(50_00);
        TestPayers.Payer other = payers.withBalance(10_00);
        PaymentOrder order = fixtures.paidOrder(merchant, payer, 8_00);
        String bill = "payment:" + order.transactionId();

        assertProblem(() -> complaints.file(other.id(), bill, ComplaintKind.FRAUD, "not mine", null), "bill_not_found");
        assertProblem(() -> complaints.file(payer.id(), bill, ComplaintKind.FRAUD, "too much", 8_01L),
                "validation_failed");
        assertProblem(() -> complaints.file(payer.id(), bill, null, "no kind", null), "validation_failed");
        Complaint complaint = complaints.file(payer.id(), bill, ComplaintKind.FRAUD, "A fake shop.", null);
        assertProblem(() -> complaints.file(payer.id(), bill, ComplaintKind.OTHER, "again", null), "complaint_open");

        assertProblem(() -> complaints.ofUser(other.id(), complaint.complaintId()), "not_found");
        TestMerchants.ApprovedMerchant stranger = merchants.approved();
        assertProblem(() -> complaints.ofMerchant(stranger.id(), complaint.complaintId()), "not_found");
        assertProblem(() -> complaints.respond(stranger.id(), complaint.complaintId(), "hi"), "not_found");
        assertProblem(() -> complaints.complete(merchant.id(), complaint.complaintId()), "illegal_transition");
        assertThat(complaints.recentOfMerchant(stranger.id(), 10)).isEmpty();
        assertThat(complaints.ofUser(other.id())).isEmpty();
        assertThat(complaints.timesComplained(complaint)).isEqualTo(1);
    }

    private void refund(TestMerchants.ApprovedMerchant merchant, PaymentOrder order, String prefix, long fen) {
        String outRefundNo = prefix + order.outTradeNo();
        refunds.refund(merchant.id(), new NewRefund(null, order.outTradeNo(), outRefundNo, null, null, fen,
                order.totalFen(), List.of(), "digest-" + outRefundNo));
    }
}
