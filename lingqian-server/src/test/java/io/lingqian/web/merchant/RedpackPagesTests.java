package io.lingqian.web.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PartnerBank;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import io.lingqian.redpack.MerchantRedpacks;
import io.lingqian.redpack.NewRedpack;
import io.lingqian.redpack.Redpack;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The portal's red packets page lists the merchant's own enterprise red packets with their state as users
 * open them, the recipient's openid masked, and nobody else's packets.
 */
@ServerTest
class RedpackPagesTests {

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired OpenIds openIds;
    @Autowired TestPayers payers;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;
    @Autowired MerchantRedpacks redpacks;

    @Test
    void theMerchantSeesItsPacketsOpenedAnotherMerchantSeesNone() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        String appid = apps.register(a.id(), AppKind.OFFICIAL_ACCOUNT, "Promotions", List.of()).app().appid();
        String funding = "test-redpack-funding:" + UUID.randomUUID();
        ledger.createTransfer(TransferRequest.single(funding, PlatformAccount.bankReserve(PartnerBank.CMB).id(),
                accounts.openMerchantSettlement(a.id()), 100_00, Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                funding)).orThrow();
        TestPayers.Payer user = payers.withBalance(0);
        TestPayers.Payer friend = payers.withBalance(0);
        String openid = openIds.openidOf(appid, user.id());
        Redpack normal = redpacks.send(a.id(), new NewRedpack(billno(), appid, openid, false, 6_66, 1,
                "Tea House", "Happy New Year", "Spring tea", "thanks", null, "digest-normal"));
        Redpack group = redpacks.send(a.id(), new NewRedpack(billno(), appid, openid, true, 9_00, 3,
                "Tea House", "Share the luck", "Lantern festival", "thanks", null, "digest-group"));
        redpacks.open(user.id(), normal.sendListid());
        redpacks.open(friend.id(), group.sendListid());

        String page = mvc.perform(get("/merchant/red-packets").session(merchantSession(a.user().email())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(row(page, normal.mchBillno())).contains(normal.sendListid(), "6.66", ">1 / 1<", ">RECEIVED<",
                "Spring tea", "Tea House");
        assertThat(row(page, group.mchBillno())).contains(group.sendListid(), "9.00", ">1 / 3<", ">SENT<",
                "Lantern festival");
        assertThat(page.indexOf(group.mchBillno())).as("newest first").isLessThan(page.indexOf(normal.mchBillno()));
        assertThat(page).doesNotContain(openid)
                .contains(openid.substring(0, 4) + "****" + openid.substring(openid.length() - 4))
                .contains("/merchant/red-packets");

        mvc.perform(get("/merchant/red-packets").session(merchantSession(b.user().email())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(normal.mchBillno()))))
                .andExpect(content().string(Matchers.not(Matchers.containsString(group.mchBillno()))))
                .andExpect(content().string(Matchers.containsString("No red packets yet.")));

        mvc.perform(get("/merchant/red-packets")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/merchant/login"));
    }

    /** The table row of one packet, from its number to the end of the row. */
    private static String row(String page, String billno) {
        int start = page.indexOf("data-billno=\"" + billno + "\"");
        assertThat(start).as("a row for " + billno).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static String billno() {
        return "RPPORTAL" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    }

    private MockHttpSession merchantSession(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
