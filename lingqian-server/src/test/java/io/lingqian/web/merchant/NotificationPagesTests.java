package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.notification.MerchantNotifications;
import io.lingqian.notification.Notification;
import io.lingqian.notification.NotificationEvent;
import io.lingqian.notification.NotificationStatus;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The portal's notification log: attempts with the merchant's answers, resend, and only one's own. */
@ServerTest
class NotificationPagesTests {

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantCredentials credentials;
    @Autowired MerchantNotifications notifications;
    @Autowired TransactionTemplate transaction;

    @Test
    void aMerchantSeesItsNotificationsAttemptsAndResendsOneButNeverAnotherMerchants() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        credentials.setApiV3Key(a.id(), MerchantCredentials.suggestApiV3Key());
        String outTradeNo = "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        // Port 9 on the loopback: nothing listens, so the attempt fails at once with a recorded error.
        long id = transaction.execute(s -> notifications.record(a.id(), "http://127.0.0.1:9/notify",
                NotificationEvent.TRANSACTION_SUCCESS, outTradeNo, "{\"out_trade_no\":\"" + outTradeNo + "\"}"));
        notifications.deliverDue();
        MockHttpSession sessionA = signIn(a.user().email());
        MockHttpSession sessionB = signIn(b.user().email());

        mvc.perform(get("/merchant/notifications").session(sessionA))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(outTradeNo)))
                .andExpect(content().string(Matchers.containsString("could not reach the merchant")));
        mvc.perform(get("/merchant/notifications").session(sessionB))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(outTradeNo))));
        mvc.perform(post("/merchant/notifications/" + id + "/resend").session(sessionB).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(notification(a.id(), id).nextAttemptAt()).as("B's attempt changed nothing")
                .isAfter(notification(a.id(), id).createdAt());

        mvc.perform(post("/merchant/notifications/" + id + "/resend").session(sessionA).with(csrf()))
                .andExpect(redirectedUrl("/merchant/notifications"));
        Notification resent = notification(a.id(), id);
        assertThat(resent.status()).isEqualTo(NotificationStatus.PENDING);
        notifications.deliverDue();
        assertThat(notifications.attempts(a.id(), id)).as("sent again at once, without waiting 15 s").hasSize(2);
    }

    private Notification notification(long merchantId, long id) {
        return notifications.recent(merchantId, 10).stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }

    private MockHttpSession signIn(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
