package io.lingqian.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** As in production: the clock cannot be moved, not even by an admin. */
@ServerTest
@TestPropertySource(properties = "lingqian.clock.adjustable=false")
class FixedClockTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    AdjustableClock clock;

    @Test
    void movingTheClockIsRefused() throws Exception {
        String admin = users.staff(StaffRole.ADMIN).username();

        mvc.perform(post("/admin/api/clock/advance").with(httpBasic(admin, TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 3600}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("clock_not_adjustable"));

        assertThat(clock.offset()).isEqualTo(Duration.ZERO);
    }
}
