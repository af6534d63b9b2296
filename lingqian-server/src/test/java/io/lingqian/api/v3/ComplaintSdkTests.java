package io.lingqian.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.github.binarywang.wxpay.bean.complaint.ComplaintDetailRequest;
import com.github.binarywang.wxpay.bean.complaint.ComplaintDetailResult;
import com.github.binarywang.wxpay.bean.complaint.ComplaintNotifyUrlRequest;
import com.github.binarywang.wxpay.bean.complaint.ComplaintRequest;
import com.github.binarywang.wxpay.bean.complaint.ComplaintResult;
import com.github.binarywang.wxpay.bean.complaint.CompleteRequest;
import com.github.binarywang.wxpay.bean.complaint.NegotiationHistoryRequest;
import com.github.binarywang.wxpay.bean.complaint.NegotiationHistoryResult;
import com.github.binarywang.wxpay.bean.complaint.ResponseRequest;
import com.github.binarywang.wxpay.bean.notify.ComplaintNotifyResult;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.ComplaintService;
import com.github.binarywang.wxpay.service.WxPayService;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lingqian.api.v2.WxPayClients;
import io.lingqian.care.CareFixtures;
import io.lingqian.care.Complaint;
import io.lingqian.care.ComplaintKind;
import io.lingqian.care.ComplaintState;
import io.lingqian.care.Complaints;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * Consumer complaints 2.0 through WxJava 4.7.0's {@code ComplaintService} against the running server,
 * fully signed and verified (WxJava signs only for hosts under {@code .mch.weixin.qq.com}, so the
 * test keeps WeChat's host name and resolves it to this machine, in public-key mode): the merchant
 * sets its complaint notify URL, receives COMPLAINT.CREATE and parses it with WxJava, lists the
 * complaint with the payer's phone decrypted by WxJava with its private key, reads the detail and
 * the history, responds and completes; another merchant finds nothing.
 */
@DemoEnvironmentTest
class ComplaintSdkTests {

    @LocalServerPort
    int port;
    @Autowired TestMerchants merchants;
    @Autowired MerchantCredentials credentials;
    @Autowired PlatformKeys platformKeys;
    @Autowired TestPayers payers;
    @Autowired CareFixtures fixtures;
    @Autowired Complaints complaints;
    @Autowired MerchantNotifications notifications;
    @Autowired AdjustableClock clock;

    record Received(Headers headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void merchantEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/complaints", this::answer);
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            received.add(new Received(exchange.getRequestHeaders(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Test
    void aMerchantHandlesAComplaintThroughWxJavaFromNotificationToCompletion() throws Exception {
        ApiTestMerchant merchant = ApiTestMerchant.create(merchants, credentials);
        WxPayService wx = wxJava(merchant);
        ComplaintService service = wx.getComplaintsService();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/complaints";
        assertThat(service.addComplaintNotifyUrl(new ComplaintNotifyUrlRequest(url)).getUrl()).isEqualTo(url);
        assertThat(service.getComplaintNotifyUrl().getMchid()).isEqualTo(merchant.mchid());

        TestPayers.Payer payer = payers.withBalance(50_00);
        PaymentOrder order = fixtures.paidOrder(merchant.merchant(), payer, 18_00);
        Complaint filed = complaints.file(payer.id(), "payment:" + order.transactionId(), ComplaintKind.NOT_RECEIVED,
                "The coffee never came.", 18_00L);
        notifications.deliverDue();

        Received notice = received.stream().filter(r -> r.body().contains("COMPLAINT.CREATE")).findFirst()
                .orElseThrow();
        ComplaintNotifyResult parsed = wx.parseComplaintNotifyResult(notice.body(), new SignatureHeader(
                notice.headers().getFirst("Wechatpay-Timestamp"), notice.headers().getFirst("Wechatpay-Nonce"),
                notice.headers().getFirst("Wechatpay-Signature"), notice.headers().getFirst("Wechatpay-Serial")));
        assertThat(parsed.getResult().getComplaintId()).isEqualTo(filed.complaintId());
        assertThat(parsed.getResult().getActionType()).isEqualTo("CREATE_COMPLAINT");

        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        ComplaintResult list = service.queryComplaints(new ComplaintRequest(10, 0, today.minusDays(1).toString(),
                today.toString(), merchant.mchid()));
        assertThat(list.getTotalCount()).isEqualTo(1);
        ComplaintDetailResult listed = list.getData().get(0);
        assertThat(listed.getComplaintId()).isEqualTo(filed.complaintId());
        assertThat(listed.getPayerPhone()).as("decrypted by WxJava with the merchant's key")
                .isEqualTo(payer.user().mobile());
        assertThat(listed.getComplaintState()).isEqualTo("PENDING");
        assertThat(listed.getProblemType()).isEqualTo("REFUND");
        assertThat(listed.getApplyRefundAmount()).isEqualTo(18_00);
        assertThat(listed.getComplaintOrderInfo().get(0).getOutTradeNo()).isEqualTo(order.outTradeNo());
        assertThat(listed.getComplaintOrderInfo().get(0).getAmount()).isEqualTo(18_00);

        service.submitResponse(new ResponseRequest(filed.complaintId(), merchant.mchid(),
                "Sorry, we will bring it at once.", List.of(), null, null));
        ComplaintDetailResult detail = service.getComplaint(new ComplaintDetailRequest(filed.complaintId()));
        assertThat(detail.getComplaintState()).isEqualTo("PROCESSING");
        assertThat(detail.getPayerPhone()).isEqualTo(payer.user().mobile());

        service.complete(new CompleteRequest(filed.complaintId(), merchant.mchid()));
        NegotiationHistoryResult history = service.queryNegotiationHistorys(
                new NegotiationHistoryRequest(filed.complaintId(), 50, 0));
        assertThat(history.getData()).extracting(NegotiationHistoryResult.NegotiationHistory::getOperateType)
                .containsExactly("USER_CREATE_COMPLAINT", "MERCHANT_RESPONSE", "MERCHANT_CONFIRM_COMPLETE");
        assertThat(complaints.ofUser(payer.id(), filed.complaintId()).state()).isEqualTo(ComplaintState.PROCESSED);
        assertThatThrownBy(() -> service.complete(new CompleteRequest(filed.complaintId(), merchant.mchid())))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("INVALID_REQUEST"));

        notifications.deliverDue();
        assertThat(received).filteredOn(r -> r.body().contains("COMPLAINT.STATE_CHANGE")).hasSize(2);

        ApiTestMerchant other = ApiTestMerchant.create(merchants, credentials);
        ComplaintService otherService = wxJava(other).getComplaintsService();
        assertThat(otherService.queryComplaints(new ComplaintRequest(10, 0, today.minusDays(1).toString(),
                today.toString(), other.mchid())).getTotalCount()).isZero();
        assertThatThrownBy(() -> otherService.getComplaint(new ComplaintDetailRequest(filed.complaintId())))
                .isInstanceOfSatisfying(WxPayException.class,
                        e -> assertThat(e.getErrCode()).isEqualTo("RESOURCE_NOT_EXISTS"));
        assertThatThrownBy(() -> otherService.submitResponse(new ResponseRequest(filed.complaintId(), other.mchid(),
                "not mine", List.of(), null, null))).isInstanceOf(WxPayException.class);

        service.deleteComplaintNotifyUrl();
        assertThatThrownBy(service::getComplaintNotifyUrl).isInstanceOf(WxPayException.class);
    }

    @Test
    void aRefundRequestIsRejectedThroughUpdateRefundProgressAndAQueryOverThirtyDaysIsRefused() throws Exception {
        ApiTestMerchant merchant = ApiTestMerchant.create(merchants, credentials);
        WxPayService wx = wxJava(merchant);
        TestPayers.Payer payer = payers.withBalance(20_00);
        PaymentOrder order = fixtures.paidOrder(merchant.merchant(), payer, 9_00);
        Complaint filed = complaints.file(payer.id(), "payment:" + order.transactionId(), ComplaintKind.WRONG_AMOUNT,
                "Charged twice?", 9_00L);
        String base = "http://api.mch.weixin.qq.com:" + port + "/v3/merchant-service/complaints-v2/"
                + filed.complaintId() + "/update-refund-progress";

        assertThatThrownBy(() -> wx.postV3(base, "{\"action\":\"REJECT\"}"))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("PARAM_ERROR"));
        wx.postV3(base, "{\"action\":\"REJECT\",\"reject_reason\":\"charged once, see the receipt\"}");

        Complaint after = complaints.ofUser(payer.id(), filed.complaintId());
        assertThat(after.state()).isEqualTo(ComplaintState.PROCESSED);
        assertThat(complaints.history(after)).extracting(s -> s.operateType())
                .containsExactly("USER_CREATE_COMPLAINT", "MERCHANT_REFUSE_RERUND");

        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        assertThatThrownBy(() -> wx.getComplaintsService().queryComplaints(new ComplaintRequest(10, 0,
                today.minusDays(30).toString(), today.toString(), merchant.mchid())))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("PARAM_ERROR"));
        assertThatThrownBy(() -> wx.getComplaintsService().queryComplaints(new ComplaintRequest(10, 0,
                today.toString(), today.toString(), "1900000109")))
                .isInstanceOfSatisfying(WxPayException.class,
                        e -> assertThat(e.getErrCode()).isEqualTo("INVALID_REQUEST"));
    }

    /** WxJava signing as the merchant and verifying answers with the platform public key (§5.6 option B). */
    private WxPayService wxJava(ApiTestMerchant merchant) {
        return WxPayClients.apiV3(merchant.credentials(), platformKeys.preferred(), port);
    }
}
