package io.lingqian.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.testing.ServerTest;

/**
 * Sign-ins, SMS codes, password tries and payments are limited per client address with 429
 * problem+json; the bucket refills as the clock moves; other addresses and other groups are not
 * affected. (The tests' own loopback address is exempt in the test profile.)
 */
@ServerTest
class RateLimitTests {

    @Autowired MockMvc mvc;
    @Autowired AdjustableClock clock;

    private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    private MockHttpServletResponse signIn(String address) throws Exception {
        return mvc.perform(from(address, post("/api/wallet/sessions")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mobile\":\"13800000000\",\"password\":\"wrong password\",\"deviceId\":\"rate-limit-1\"}"))
                .andReturn().getResponse();
    }

    @Test
    void tenSignInsAMinutePerAddressThen429UntilTheBucketRefills() throws Exception {
        String address = "10.77.0." + (int) (Math.random() * 200 + 1);
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(address).getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse limited = signIn(address);
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentType()).startsWith("application/problem+json");
        assertThat(limited.getContentAsString()).contains("\"code\":\"rate_limited\"");
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(signIn("10.78.0.1").getStatus()).as("another address").isEqualTo(401);
        // another group from the same address still has its own bucket
        assertThat(mvc.perform(from(address, post("/api/wallet/emergency-freezes")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mobile\":\"13800000000\",\"idNumber\":\"x\"}")).andReturn().getResponse().getStatus())
                .isNotEqualTo(429);
        clock.advance(Duration.ofSeconds(6));
        assertThat(signIn(address).getStatus()).as("one token back after 6 s").isEqualTo(401);
        assertThat(signIn(address).getStatus()).isEqualTo(429);
    }

    @Test
    void everyLimitedEndpointBelongsToItsGroup() {
        assertThat(RateLimitFilter.groupOf("POST", "/wallet/login")).contains(RateLimitFilter.Group.LOGIN);
        assertThat(RateLimitFilter.groupOf("POST", "/api/wallet/verifications/cards")).contains(RateLimitFilter.Group.SMS);
        assertThat(RateLimitFilter.groupOf("POST", "/api/wallet/verifications/vf_1/confirm"))
                .contains(RateLimitFilter.Group.PASSWORD);
        assertThat(RateLimitFilter.groupOf("PUT", "/api/wallet/security/payment-password"))
                .contains(RateLimitFilter.Group.PASSWORD);
        assertThat(RateLimitFilter.groupOf("POST", "/api/wallet/cashier/orders/wx1/pay")).contains(RateLimitFilter.Group.PAY);
        assertThat(RateLimitFilter.groupOf("POST", "/api/wallet/withdrawals")).contains(RateLimitFilter.Group.PAY);
        assertThat(RateLimitFilter.groupOf("GET", "/api/wallet/withdrawals")).isEmpty();
        assertThat(RateLimitFilter.groupOf("POST", "/api/wallet/topups")).isEmpty();
    }
}
