package io.lingqian.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.testing.ServerTest;

/** Every response names its request, so a user's report can be found in the logs. */
@ServerTest
class RequestIdTests {

    @Autowired
    MockMvc mvc;

    @Test
    void everyResponseCarriesAFreshRequestId() throws Exception {
        String first = mvc.perform(get("/")).andReturn().getResponse().getHeader("Request-ID");
        String second = mvc.perform(get("/")).andReturn().getResponse().getHeader("Request-ID");
        assertThat(first).isNotBlank();
        assertThat(second).isNotBlank().isNotEqualTo(first);
    }

    @Test
    void refusedRequestsCarryOneToo() throws Exception {
        assertThat(mvc.perform(get("/admin/api/stats/home")).andReturn().getResponse().getHeader("Request-ID"))
                .isNotBlank();
    }

    @Test
    void theCallersRequestIdIsEchoed() throws Exception {
        String header = mvc.perform(get("/").header("Request-ID", "caller-7f3a.42"))
                .andReturn().getResponse().getHeader("Request-ID");
        assertThat(header).isEqualTo("caller-7f3a.42");
    }

    @Test
    void anUnsafeRequestIdIsReplaced() throws Exception {
        String header = mvc.perform(get("/").header("Request-ID", "evil\" <script>"))
                .andReturn().getResponse().getHeader("Request-ID");
        assertThat(header).isNotBlank().doesNotContain("<script>");
    }
}
