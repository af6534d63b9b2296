package io.lingqian.platform;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The JSON APIs answer every refusal as problem+json with a stable code, never HTML or a redirect. */
@ServerTest
class ApiProblemTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Test
    void unknownAdminApiPathIsA404Problem() throws Exception {
        StaffUser support = users.staff(StaffRole.SUPPORT);
        mvc.perform(get("/admin/api/no-such-thing").with(httpBasic(support.username(), TestUsers.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.code").value("not_found"))
                .andExpect(jsonPath("$.instance").value("/admin/api/no-such-thing"))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void adminApiWithoutCredentialsIsA401ProblemNotALoginRedirect() throws Exception {
        mvc.perform(get("/admin/api/stats/home"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.code").value("unauthorized"))
                .andExpect(header().doesNotExist("Location"))
                // No Basic challenge: a browser must never be prompted to cache Basic credentials.
                .andExpect(header().doesNotExist("WWW-Authenticate"));
    }

    @Test
    void walletApiWithoutSessionIsA401Problem() throws Exception {
        mvc.perform(get("/api/wallet/balance"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void wrongBasicPasswordIsA401Problem() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        mvc.perform(get("/admin/api/stats/home").with(httpBasic(admin.username(), "not the password")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void invalidBodyIsAValidationProblemWithFieldErrors() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        mvc.perform(post("/admin/api/clock/advance").with(httpBasic(admin.username(), TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": -5}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("seconds"));
    }

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        mvc.perform(post("/admin/api/clock/advance").with(httpBasic(admin.username(), TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("bad_request"));
    }

    @Test
    void staffWithoutTheRoleGetsA403Problem() throws Exception {
        StaffUser finance = users.staff(StaffRole.FINANCE);
        mvc.perform(post("/admin/api/clock/advance").with(httpBasic(finance.username(), TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 60}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("forbidden"));
    }
}
