package io.lingqian.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.audit.AuditLog;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.crypto.internal.SealedColumns;
import io.lingqian.staff.StaffRole;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.TestPayers;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.WalletCards;

/**
 * Rotating the field-encryption keys: values sealed under the test profile's key {@code t1} still
 * open after {@code t2} becomes current, resealing moves every one of them to {@code t2}, and only
 * then may {@code t1} be retired.
 */
@ServerTest
class FieldKeysTests {

    @Autowired
    FieldKeys keys;

    @Autowired
    FieldCipher cipher;

    @Autowired
    MerchantCredentials credentials;

    @Autowired
    TestMerchants merchants;

    @Autowired
    TestPayers payers;

    @Autowired
    WalletCards cards;

    @Autowired
    TopUps topUps;

    @Autowired
    AdjustableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    AuditLog audit;

    @AfterEach
    void t2StaysCurrent() {
        if (cipher.keyIds().contains("t2")) {
            keys.makeCurrent("t2", "test");
        }
    }

    @Test
    void valuesSealedUnderAnOldKeyStayReadableAreResealedAndOnlyThenIsTheKeyRetired() throws Exception {
        keys.makeCurrent("t1", "test");
        long merchantId = merchants.approved().id();
        String apiV3Key = UUID.randomUUID().toString().replace("-", "");
        credentials.setApiV3Key(merchantId, apiV3Key);
        TestPayers.Payer payer = payers.withBalance(0);
        long cardId = cards.cards(payer.id()).get(0).id();
        assertThat(sealedApiKey(merchantId)).startsWith("v1:t1:");

        String admin = users.staff(StaffRole.ADMIN).username();
        mvc.perform(post("/admin/api/field-keys/current").with(httpBasic(admin, TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"keyId\": \"t2\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentKeyId").value("t2"));
        assertThat(cipher.currentKeyId()).isEqualTo("t2");

        // still readable under the old key: the APIv3 key, and the card number the bank is charged with
        assertThat(credentials.apiV3Key(merchantId)).contains(apiV3Key);
        assertThat(topUps.topUp(payer.id(), cardId, 1_00, "rotation-" + UUID.randomUUID()).status())
                .isEqualTo(MoneyStatus.SUCCEEDED);

        // other instances may seal with t1 for another minute or two: not yet
        assertThatThrownBy(() -> keys.retire("t1", "test")).isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("other instances may still seal with it");
        clock.advance(FieldKeys.SETTLE.plus(Duration.ofMinutes(1)));

        // values still need t1: refused, with the counts, through the admin API
        mvc.perform(post("/admin/api/field-keys/t1/retire").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("key_in_use"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("merchant_api_key.key_sealed=")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("wallet_card.card_sealed=")));
        assertThat(cipher.keyIds()).contains("t1");
        assertThat(usesOf("t1")).isPositive();

        mvc.perform(post("/admin/api/field-keys/reseal").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resealed").value(org.hamcrest.Matchers.greaterThanOrEqualTo(3)));
        assertThat(usesOf("t1")).isZero();
        assertThat(sealedApiKey(merchantId)).startsWith("v1:t2:");
        assertThat(credentials.apiV3Key(merchantId)).contains(apiV3Key);

        mvc.perform(post("/admin/api/field-keys/t1/retire").with(httpBasic(admin, TestUsers.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[?(@.keyId == 't1')].status").value("RETIRED"));
        assertThat(cipher.keyIds()).doesNotContain("t1");
        assertThat(topUps.topUp(payer.id(), cardId, 1_00, "rotation-" + UUID.randomUUID()).status())
                .isEqualTo(MoneyStatus.SUCCEEDED);
        assertThat(audit.search(new AuditLog.Filter(null, "FIELD_KEY_RETIRED", null, null), 10))
                .anySatisfy(e -> assertThat(e.subject()).isEqualTo("field-key:t1"));
    }

    @Test
    void onlyAdminsSeeOrChangeTheKeys() throws Exception {
        String support = users.staff(StaffRole.SUPPORT, StaffRole.FINANCE, StaffRole.RISK).username();
        mvc.perform(get("/admin/api/field-keys").with(httpBasic(support, TestUsers.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/api/field-keys/current").with(httpBasic(support, TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"keyId\": \"t1\"}"))
                .andExpect(status().isForbidden());
        assertThat(cipher.currentKeyId()).isEqualTo("t2");
        String admin = users.staff(StaffRole.ADMIN).username();
        mvc.perform(post("/admin/api/field-keys/current").with(httpBasic(admin, TestUsers.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"keyId\": \"nope\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("unknown_key"));
        assertThatThrownBy(() -> keys.retire("t2", "test")).hasMessageContaining("seals new values");
    }

    @Test
    void everySealedColumnOfTheSchemaIsResealed() {
        List<String> sealed = jdbc.sql("SELECT LOWER(table_name) || '.' || LOWER(column_name) FROM information_schema.columns "
                        + "WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA) AND LOWER(column_name) LIKE '%sealed%'")
                .query(String.class).list();
        Set<String> catalogue = new TreeSet<>();
        SealedColumns.ALL.forEach(c -> catalogue.add(c.name()));
        assertThat(sealed).isNotEmpty();
        assertThat(catalogue).containsAll(sealed);
    }

    private String sealedApiKey(long merchantId) {
        return jdbc.sql("SELECT key_sealed FROM merchant_api_key WHERE merchant_id = :m").param("m", merchantId)
                .query(String.class).single();
    }

    private long usesOf(String keyId) {
        return keys.overview().keys().stream().filter(k -> k.keyId().equals(keyId))
                .mapToLong(FieldKeys.KeyUse::sealedValues).sum();
    }
}
