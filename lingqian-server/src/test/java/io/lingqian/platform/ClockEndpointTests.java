package io.lingqian.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** With {@code lingqian.clock.adjustable} on (the test profile), an admin moves the one clock. */
@ServerTest
class ClockEndpointTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    AdjustableClock clock;

    @Autowired
    java.time.Clock plainClock;

    @Test
    void anAdminMovesTheClockForward() throws Exception {
        String admin = users.staff(StaffRole.ADMIN).username();
        Duration before = clock.offset();
        Instant earliest = clock.instant().plus(Duration.ofDays(2));

        String answer = mvc.perform(post("/admin/api/clock/advance").with(httpBasic(admin, TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 172800}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.instant").exists())
                .andReturn().getResponse().getContentAsString();

        assertThat(clock.offset()).isEqualTo(before.plusDays(2));
        assertThat(plainClock.instant()).isAfterOrEqualTo(earliest);
        assertThat(answer).contains("\"offsetSeconds\":" + clock.offset().toSeconds());
    }
}
