package io.lingqian.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.testing.ServerTest;

/** Without {@code lingqian.bench.seeding=true} (the default) the benchmark's seeding does not exist. */
@ServerTest
class BenchSeedingOffTests {

    @Autowired
    MockMvc mvc;

    @Test
    void isNotThereByDefault() throws Exception {
        int status = mvc.perform(post("/bench/seed/payers").contentType(MediaType.APPLICATION_JSON)
                .content(BenchSeedingTests.PAYERS)).andReturn().getResponse().getStatus();
        assertThat(status).isBetween(400, 499);
    }
}
