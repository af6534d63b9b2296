package io.lingqian.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.lingqian.testing.ServerTest;

/** The benchmark's trivial endpoint answers anyone with a constant, and does nothing else. */
@ServerTest
class PingTests {

    @Autowired
    MockMvc mvc;

    @Test
    void answersOkToAnAnonymousGet() throws Exception {
        MvcResult result = mvc.perform(get("/ping")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).isEqualTo("ok");
        assertThat(result.getResponse().getHeader("Request-ID")).isNotBlank();
    }

    @Test
    void acceptsNothingButGet() throws Exception {
        assertThat(mvc.perform(post("/ping")).andReturn().getResponse().getStatus()).isBetween(400, 499);
    }
}
