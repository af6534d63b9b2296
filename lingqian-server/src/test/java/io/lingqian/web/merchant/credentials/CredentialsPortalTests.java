package io.lingqian.web.merchant.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.PlatformVerification;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.credentials.TestMerchants.ApprovedMerchant;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The portal's credentials pages: secrets shown once, never logged, and each merchant sees only its own keys. */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class CredentialsPortalTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestMerchants merchants;

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    PlatformKeys platformKeys;

    @Test
    void theApiV3KeyIsShownOnceAndNeverLogged(CapturedOutput output) throws Exception {
        ApprovedMerchant shop = merchants.approved();
        MockHttpSession session = signIn(shop);
        String key = MerchantCredentials.suggestApiV3Key();

        mvc.perform(post("/merchant/credentials/api-key").session(session).with(csrf()).param("apiV3Key", key))
                .andExpect(redirectedUrl("/merchant/credentials"));

        // The page after the redirect shows it (a flash attribute, kept in the session for that one page) …
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString(key)));
        // … and no page after it.
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(key))))
                .andExpect(content().string(containsString("Replace APIv3 key")));
        mvc.perform(get("/merchant/developer").session(session)).andExpect(content().string(not(containsString(key))));
        assertThat(credentials.apiV3Key(shop.id())).contains(key);
        assertThat(output.getAll()).doesNotContain(key);
    }

    @Test
    void theMerchantChoosesToVerifyNotificationsWithThePlatformCertificateAndOnlyForItself() throws Exception {
        ApprovedMerchant shop = merchants.approved();
        ApprovedMerchant other = merchants.approved();
        MockHttpSession session = signIn(shop);
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString("<option value=\"PUBLIC_KEY\" selected=\"selected\"")));

        mvc.perform(post("/merchant/credentials/platform-verification").session(session).with(csrf())
                        .param("mode", "CERTIFICATE"))
                .andExpect(redirectedUrl("/merchant/credentials"));

        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString("<option value=\"CERTIFICATE\" selected=\"selected\"")));
        assertThat(credentials.platformVerification(shop.id())).isEqualTo(PlatformVerification.CERTIFICATE);
        assertThat(credentials.platformVerification(other.id())).isEqualTo(PlatformVerification.PUBLIC_KEY);

        mvc.perform(post("/merchant/credentials/platform-verification").session(session).with(csrf())
                .param("mode", "MD5"));
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString("Choose the platform public key or the platform certificate.")));
        assertThat(credentials.platformVerification(shop.id())).isEqualTo(PlatformVerification.CERTIFICATE);
    }

    @Test
    void aBadApiV3KeyIsExplainedAndNothingChanges() throws Exception {
        ApprovedMerchant shop = merchants.approved();
        MockHttpSession session = signIn(shop);

        mvc.perform(post("/merchant/credentials/api-key").session(session).with(csrf()).param("apiV3Key", "too-short"));

        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString("An APIv3 key is exactly 32 letters and digits.")));
        assertThat(credentials.apiV3KeySetAt(shop.id())).isEmpty();
    }

    @Test
    void aGeneratedPrivateKeyDownloadsOnceAndIsNeverLogged(CapturedOutput output) throws Exception {
        ApprovedMerchant shop = merchants.approved();
        MockHttpSession session = signIn(shop);
        mvc.perform(post("/merchant/credentials/certificates/generate").session(session).with(csrf()))
                .andExpect(redirectedUrl("/merchant/credentials"));
        MerchantCertificate generated = credentials.certificates(shop.id()).get(0);

        String privateKey = mvc.perform(post("/merchant/credentials/certificates/{id}/private-key", generated.id())
                        .session(session).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("apiclient_key.pem")))
                .andReturn().getResponse().getContentAsString();
        assertThat(privateKey).startsWith("-----BEGIN PRIVATE KEY-----");

        mvc.perform(post("/merchant/credentials/certificates/{id}/private-key", generated.id())
                        .session(session).with(csrf()))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", containsString("gone=" + generated.id())));
        String body = privateKey.lines().skip(1).findFirst().orElseThrow();
        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(containsString(generated.serialNo())))
                .andExpect(content().string(not(containsString(body))));
        assertThat(output.getAll()).doesNotContain(body);
    }

    @Test
    void oneMerchantCanNeitherSeeNorRevokeNorDownloadAnothersKeys() throws Exception {
        ApprovedMerchant a = merchants.approved();
        ApprovedMerchant b = merchants.approved();
        MerchantCertificate bs = credentials.generate(b.id());
        MockHttpSession session = signIn(a);

        mvc.perform(get("/merchant/credentials").session(session))
                .andExpect(content().string(not(containsString(bs.serialNo()))));
        mvc.perform(post("/merchant/credentials/certificates/{id}/revoke", bs.id()).session(session).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/merchant/credentials/certificates/{id}/private-key", bs.id()).session(session).with(csrf()))
                .andExpect(status().isSeeOther());
        mvc.perform(get("/merchant/credentials/certificates/{id}/certificate", bs.id()).session(session))
                .andExpect(status().isNotFound());

        MerchantCertificate stillB = credentials.certificate(b.id(), bs.id()).orElseThrow();
        assertThat(stillB.revokedAt()).isEmpty();
        assertThat(stillB.privateKeyWaiting()).isTrue();
    }

    @Test
    void revokingFromThePortalStopsTheKeyAtOnce() throws Exception {
        ApprovedMerchant shop = merchants.approved();
        MerchantCertificate mine = credentials.generate(shop.id());

        mvc.perform(post("/merchant/credentials/certificates/{id}/revoke", mine.id()).session(signIn(shop)).with(csrf()))
                .andExpect(redirectedUrl("/merchant/credentials"));

        assertThat(credentials.verificationKey(shop.id(), mine.serialNo())).isEmpty();
    }

    @Test
    void theDeveloperPageAndPlatformDownloadsShowWhatTheSdkNeeds() throws Exception {
        ApprovedMerchant shop = merchants.approved();
        MerchantCertificate mine = credentials.generate(shop.id());
        MockHttpSession session = signIn(shop);
        var platform = platformKeys.preferred();

        mvc.perform(get("/merchant/developer").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(shop.mchid())))
                .andExpect(content().string(containsString(mine.serialNo())))
                .andExpect(content().string(containsString(platform.publicKeyId())))
                .andExpect(content().string(containsString("RSAAutoCertificateConfig")));
        mvc.perform(get("/merchant/credentials/platform/{serial}/public-key", platform.serialNo()).session(session))
                .andExpect(content().string(platform.publicKeyPem()));
        mvc.perform(get("/merchant/credentials/platform/{serial}/certificate", platform.serialNo()).session(session))
                .andExpect(content().string(platform.certificatePem()));
    }

    @Test
    void theCredentialsPagesNeedASignedInMerchant() throws Exception {
        mvc.perform(get("/merchant/credentials")).andExpect(redirectedUrl("/merchant/login"));
        mvc.perform(post("/merchant/credentials/certificates/generate").with(csrf()))
                .andExpect(redirectedUrl("/merchant/login"));
    }

    private MockHttpSession signIn(ApprovedMerchant merchant) throws Exception {
        MvcResult result = mvc.perform(formLogin("/merchant/login").user("email", merchant.user().email())
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant")).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
