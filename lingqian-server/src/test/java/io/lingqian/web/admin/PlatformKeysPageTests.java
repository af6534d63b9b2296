package io.lingqian.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.credentials.PlatformKey;
import io.lingqian.credentials.PlatformKeyEvent;
import io.lingqian.credentials.PlatformKeyStatus;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** Staff manage the platform's signing keys: ADMIN only, every action recorded, the last active key kept. */
@ServerTest
class PlatformKeysPageTests {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired PlatformKeys keys;

    @Test
    void anAdminRotatesAndRetiresKeysAndEveryActionIsRecordedButTheLastActiveKeyStays() throws Exception {
        StaffUser admin = users.staff(StaffRole.ADMIN);
        MockHttpSession session = signIn(admin);
        PlatformKey before = keys.preferred();
        String page = mvc.perform(get("/admin/platform-keys").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(before.serialNo()).contains(before.publicKeyId());

        mvc.perform(post("/admin/platform-keys/rotate").session(session).with(csrf()))
                .andExpect(redirectedUrl("/admin/platform-keys"));
        PlatformKey rotated = keys.preferred();
        assertThat(rotated.serialNo()).isNotEqualTo(before.serialNo());
        assertThat(state(before.serialNo())).as("kept active for the overlap").isEqualTo(PlatformKeyStatus.State.ACTIVE);

        mvc.perform(post("/admin/platform-keys/" + before.serialNo() + "/retire").session(session).with(csrf()))
                .andExpect(flash().attributeExists("notice"));
        assertThat(state(before.serialNo())).isEqualTo(PlatformKeyStatus.State.RETIRED);
        assertThat(keys.active()).extracting(PlatformKey::serialNo).doesNotContain(before.serialNo());
        assertThat(keys.history(10)).extracting(e -> e.action() + " " + e.serialNo() + " by " + e.staffId())
                .containsSubsequence("RETIRED " + before.serialNo() + " by " + admin.id(),
                        "ROTATED " + rotated.serialNo() + " by " + admin.id());

        // other tests may have left more keys active: retire them too, until only the preferred one is left
        for (PlatformKeyStatus other : keys.all()) {
            if (other.state() == PlatformKeyStatus.State.ACTIVE) {
                mvc.perform(post("/admin/platform-keys/" + other.serialNo() + "/retire").session(session).with(csrf()))
                        .andExpect(flash().attributeExists("notice"));
            }
        }
        assertThat(keys.active()).extracting(PlatformKey::serialNo).containsExactly(rotated.serialNo());
        int events = keys.history(1000).size();
        mvc.perform(post("/admin/platform-keys/" + rotated.serialNo() + "/retire").session(session).with(csrf()))
                .andExpect(flash().attribute("problem", "The last active platform key cannot be retired; rotate first."));
        mvc.perform(post("/admin/platform-keys/NOSUCHSERIAL/retire").session(session).with(csrf()))
                .andExpect(flash().attribute("problem", "The last active platform key cannot be retired; rotate first."));
        assertThat(keys.active()).extracting(PlatformKey::serialNo).containsExactly(rotated.serialNo());
        assertThat(keys.history(1000)).hasSize(events);

        mvc.perform(post("/admin/platform-keys/rotate").session(session).with(csrf()));
        mvc.perform(post("/admin/platform-keys/NOSUCHSERIAL/retire").session(session).with(csrf()))
                .andExpect(flash().attributeExists("problem"));
        assertThat(keys.history(1)).extracting(PlatformKeyEvent::action).containsExactly(PlatformKeyEvent.Action.ROTATED);
    }

    @Test
    void staffWithoutTheAdminRoleCannotSeeOrTouchThePlatformKeys() throws Exception {
        for (StaffRole role : List.of(StaffRole.SUPPORT, StaffRole.FINANCE, StaffRole.RISK)) {
            MockHttpSession session = signIn(users.staff(role));
            PlatformKey preferred = keys.preferred();
            mvc.perform(get("/admin/platform-keys").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/platform-keys/rotate").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/platform-keys/" + preferred.serialNo() + "/retire").session(session).with(csrf()))
                    .andExpect(status().isForbidden());
            assertThat(keys.preferred()).isEqualTo(preferred);
        }
    }

    private PlatformKeyStatus.State state(String serialNo) {
        return keys.all().stream().filter(k -> k.serialNo().equals(serialNo)).findFirst().orElseThrow().state();
    }

    private MockHttpSession signIn(StaffUser user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/admin/login").user(user.username())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/admin"))
                .andReturn().getRequest().getSession(false);
    }
}
