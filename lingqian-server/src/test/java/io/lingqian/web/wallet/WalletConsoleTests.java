package io.lingqian.web.wallet;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.testing.ServerTest;

/** The wallet console's open pages and its refusals, without a browser. */
@ServerTest
class WalletConsoleTests {

    @Autowired MockMvc mvc;

    @Test
    void anyoneMayOpenAWalletAndABadFormIsShownAgainWithTheReason() throws Exception {
        String mobile = "1" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        mvc.perform(get("/wallet/register")).andExpect(status().isOk());
        mvc.perform(post("/wallet/register").with(csrf()).param("mobile", mobile).param("displayName", "Zhao Lei")
                .param("password", "eight chars"))
                .andExpect(redirectedUrl("/wallet/login?registered"));
        mvc.perform(get("/wallet/login").param("registered", ""))
                .andExpect(content().string(Matchers.containsString("Your wallet is ready")));
        mvc.perform(post("/wallet/register").with(csrf()).param("mobile", mobile).param("displayName", "Zhao Lei")
                .param("password", "eight chars"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("registered already")));
        mvc.perform(post("/wallet/register").with(csrf()).param("mobile", "12345").param("displayName", "Zhao Lei")
                .param("password", "eight chars"))
                .andExpect(content().string(Matchers.containsString("11 digits")));
    }

    @Test
    void walletPagesAndImagesNeedASignedInWalletUser() throws Exception {
        for (String page : new String[] {"/wallet/cards", "/wallet/topup", "/wallet/withdraw", "/wallet/pay",
                "/wallet/pay/barcode.png", "/wallet/bills", "/wallet/security"}) {
            mvc.perform(get(page)).andExpect(redirectedUrl("/wallet/login"));
        }
        mvc.perform(post("/wallet/topup").param("cardId", "1").param("amount", "1").param("requestId", "x"))
                .andExpect(status().isForbidden());
    }
}
