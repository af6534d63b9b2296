package io.lingqian.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.stats.StatsRollup;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin home chart shows today's real figures from the statistics, to ADMIN and FINANCE only. */
@ServerTest
class AdminHomeChartTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired TestPayers payers;
    @Autowired StatsRollup rollup;

    @Test
    void todaysTopUpShowsInTheHomeChart() throws Exception {
        StaffUser finance = users.staff(StaffRole.FINANCE);
        rollup.fold();
        JsonNode before = home(finance);
        payers.withBalance(123_45);
        rollup.fold();
        JsonNode after = home(finance);

        assertThat(after.get("labels")).hasSize(AdminStatsController.DAYS);
        assertThat(after.get("todayFen").asLong() - before.get("todayFen").asLong()).isEqualTo(123_45);
        assertThat(after.get("todayCount").asLong() - before.get("todayCount").asLong()).isEqualTo(1);
        assertThat(after.get("amountsFen").get(AdminStatsController.DAYS - 1).asLong())
                .isEqualTo(after.get("todayFen").asLong());

        mvc.perform(get("/admin/api/stats/home").with(httpBasic(users.staff(StaffRole.SUPPORT).username(),
                TestUsers.PASSWORD))).andExpect(status().isForbidden());
        String page = mvc.perform(get("/admin").with(httpBasic(users.staff(StaffRole.RISK).username(),
                TestUsers.PASSWORD))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).as("no chart for roles without statistics").doesNotContain("id=\"home-chart\"");
    }

    private JsonNode home(StaffUser staff) throws Exception {
        return JsonMapper.builder().build().readTree(mvc.perform(get("/admin/api/stats/home")
                        .with(httpBasic(staff.username(), TestUsers.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }
}
