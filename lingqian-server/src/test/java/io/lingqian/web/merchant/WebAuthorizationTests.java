package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

import io.lingqian.clock.AdjustableClock;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.AppSecret;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.merchant.Onboarding;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.WalletUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web authorisation end to end: authorise page, confirmation, redirect with code, code exchange. */
@ServerTest
class WebAuthorizationTests {

    private static final String CALLBACK = "https://shop.example.cn/oauth/callback?from=menu";

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired Onboarding onboarding;
    @Autowired MerchantApps apps;
    @Autowired OpenIds openIds;
    @Autowired AdjustableClock clock;
    @Autowired JsonMapper json;

    Merchant merchant;
    AppSecret app;
    WalletUser user;
    MockHttpSession wallet;

    @BeforeEach
    void anActiveMerchantWithAnAppAndASignedInWalletUser() throws Exception {
        merchant = onboarding.active();
        app = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Test Shop OA", List.of("shop.example.cn"));
        user = users.walletUser();
        var result = mvc.perform(formLogin("/wallet/login").user("mobile", user.mobile()).password(TestUsers.PASSWORD))
                .andReturn();
        wallet = (MockHttpSession) result.getRequest().getSession(false);
    }

    @Test
    void theUserConfirmsAndTheMerchantsServerExchangesTheCodeForAStableOpenid() throws Exception {
        mvc.perform(authorize(app.app().appid(), CALLBACK, "snsapi_base").session(wallet))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Test Shop OA")));

        String code = confirm(app, "snsapi_base", "xyz123");
        JsonNode grant = exchange(app.app().appid(), app.secret(), code);
        String openid = grant.get("openid").asString();
        assertThat(openid).matches("o[A-Za-z0-9_-]{27}");
        assertThat(grant.get("scope").asString()).isEqualTo("snsapi_base");
        assertThat(grant.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(grant.get("access_token").asString()).isNotBlank();

        assertThat(exchange(app.app().appid(), app.secret(), code).get("errcode").asInt())
                .as("a code works once").isEqualTo(40163);

        String again = exchange(app.app().appid(), app.secret(), confirm(app, "snsapi_userinfo", ""))
                .get("openid").asString();
        assertThat(again).as("stable per app").isEqualTo(openid);
        assertThat(openIds.userOf(app.app().appid(), openid)).contains(user.id());

        AppSecret other = apps.register(merchant.id(), AppKind.MINI_PROGRAM, "Test Shop MP", List.of("shop.example.cn"));
        String otherOpenid = exchange(other.app().appid(), other.secret(), confirm(other, "snsapi_base", "s"))
                .get("openid").asString();
        assertThat(otherOpenid).as("distinct per app").isNotEqualTo(openid);
        assertThat(openIds.userOf(app.app().appid(), otherOpenid)).isEmpty();
        assertThat(apps.isBound(app.app().appid(), merchant.mchid().orElseThrow())).isTrue();
        assertThat(apps.isBound(app.app().appid(), "1900000001")).isFalse();
    }

    @Test
    void codesExpireAfterFiveMinutesAndWorkOnlyForTheirAppWithItsSecret() throws Exception {
        String code = confirm(app, "snsapi_base", "a");
        AppSecret other = apps.register(merchant.id(), AppKind.MOBILE_APP, "Test Shop App", List.of());
        assertThat(exchange(other.app().appid(), other.secret(), code).get("errcode").asInt()).isEqualTo(40029);
        assertThat(exchange(app.app().appid(), other.secret(), code).get("errcode").asInt()).isEqualTo(40125);
        assertThat(exchange("wx0000000000000000", app.secret(), code).get("errcode").asInt()).isEqualTo(40013);
        assertThat(exchange(app.app().appid(), app.secret(), "made-up").get("errmsg").asString()).isEqualTo("invalid code");
        mvc.perform(get("/sns/oauth2/access_token").param("appid", app.app().appid()).param("secret", app.secret())
                        .param("code", code).param("grant_type", "client_credential"))
                .andExpect(jsonPath("$.errcode").value(40002));

        clock.advance(Duration.ofMinutes(5));
        assertThat(exchange(app.app().appid(), app.secret(), code).get("errcode").asInt()).isEqualTo(40029);

        AppSecret replaced = apps.replaceSecret(merchant.id(), app.app().appid());
        String fresh = confirm(app, "snsapi_base", "b");
        assertThat(exchange(app.app().appid(), app.secret(), fresh).get("errcode").asInt())
                .as("the old secret stops working").isEqualTo(40125);
        assertThat(exchange(app.app().appid(), replaced.secret(), fresh).has("openid")).isTrue();
    }

    @Test
    void redirectsOutsideTheRegisteredDomainsAreRefusedWithoutRedirecting() throws Exception {
        for (String uri : List.of("https://evil.example.com/cb", "https://shop.example.cn.evil.com/cb",
                "https://shop.example.cn:8443/cb", "javascript:alert(1)", "https://x@shop.example.cn/cb")) {
            mvc.perform(authorize(app.app().appid(), uri, "snsapi_base").session(wallet))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(Matchers.containsString("10003")));
            mvc.perform(post("/connect/oauth2/authorize").session(wallet).with(csrf()).param("appid", app.app().appid())
                            .param("redirect_uri", uri).param("scope", "snsapi_base").param("state", "s"))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(authorize(app.app().appid(), CALLBACK, "snsapi_login").session(wallet))
                .andExpect(status().isBadRequest()).andExpect(content().string(Matchers.containsString("10005")));
        mvc.perform(authorize("wx0000000000000000", CALLBACK, "snsapi_base").session(wallet))
                .andExpect(status().isBadRequest()).andExpect(content().string(Matchers.containsString("40013")));
    }

    @Test
    void theAuthorisePageNeedsAWalletSignInAndComesBackAfterIt() throws Exception {
        mvc.perform(authorize(app.app().appid(), CALLBACK, "snsapi_base"))
                .andExpect(redirectedUrl("/wallet/login"));
        mvc.perform(post("/connect/oauth2/authorize").session(wallet).param("appid", app.app().appid())
                        .param("redirect_uri", CALLBACK).param("scope", "snsapi_base"))
                .andExpect(status().isForbidden());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder authorize(String appid,
            String redirectUri, String scope) {
        return get("/connect/oauth2/authorize").param("appid", appid).param("redirect_uri", redirectUri)
                .param("response_type", "code").param("scope", scope).param("state", "xyz123");
    }

    private String confirm(AppSecret target, String scope, String state) throws Exception {
        String location = mvc.perform(post("/connect/oauth2/authorize").session(wallet).with(csrf())
                        .param("appid", target.app().appid()).param("redirect_uri", CALLBACK).param("scope", scope)
                        .param("state", state))
                .andExpect(status().isFound())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("https://shop.example.cn/oauth/callback?from=menu&code=");
        var query = UriComponentsBuilder.fromUriString(location).build().getQueryParams();
        assertThat(query.getFirst("state")).isEqualTo(state);
        return query.getFirst("code");
    }

    private JsonNode exchange(String appid, String secret, String code) throws Exception {
        String body = mvc.perform(get("/sns/oauth2/access_token").param("appid", appid).param("secret", secret)
                        .param("code", code).param("grant_type", "authorization_code"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }
}
