package io.lingqian.web.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
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

/** The wallet console's merchant red packets: the addressed user sees and opens one, nobody else can. */
@ServerTest
class WalletRedpackPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestMerchants merchants;
    @Autowired
    MerchantApps apps;
    @Autowired
    OpenIds openIds;
    @Autowired
    TestPayers payers;
    @Autowired
    CustomerAccounts accounts;
    @Autowired
    Ledger ledger;
    @Autowired
    MerchantRedpacks redpacks;

    @Test
    void theAddressedUserSeesTheMerchantsWordsAndOpensItAnotherUserCannot() throws Exception {
        TestMerchants.ApprovedMerchant shop = merchants.approved();
        String appid = apps.register(shop.id(), AppKind.OFFICIAL_ACCOUNT, "Shop", List.of()).app().appid();
        String funding = "test-redpack-funding:" + UUID.randomUUID();
        ledger.createTransfer(TransferRequest.single(funding, PlatformAccount.bankReserve(PartnerBank.CMB).id(),
                accounts.openMerchantSettlement(shop.id()), 100_00, Ledger.CNY, TransferCode.ADJUSTMENT.code(),
                funding)).orThrow();
        TestPayers.Payer user = payers.withBalance(0);
        Redpack packet = redpacks.send(shop.id(), new NewRedpack("RPPAGE" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 20), appid, openIds.openidOf(appid, user.id()), false, 6_66, 1,
                "Noodle Bar", "Happy New Year", "Lunar sale", "thanks", null, "digest"));
        String page = "/wallet/merchant-red-packets/" + packet.sendListid();

        MockHttpSession wallet = walletSession(user.user().mobile());
        mvc.perform(get("/wallet").session(wallet))
                .andExpect(content().string(Matchers.containsString("/wallet/merchant-red-packets")));
        mvc.perform(get("/wallet/merchant-red-packets").session(wallet)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Noodle Bar")))
                .andExpect(content().string(Matchers.containsString("Happy New Year")))
                .andExpect(content().string(Matchers.containsString("Lunar sale")))
                .andExpect(content().string(Matchers.containsString(page + "/open")));

        TestPayers.Payer other = payers.withBalance(0);
        MockHttpSession otherWallet = walletSession(other.user().mobile());
        mvc.perform(get("/wallet/merchant-red-packets").session(otherWallet))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Noodle Bar"))));
        mvc.perform(get(page).session(otherWallet)).andExpect(status().isNotFound());
        mvc.perform(post(page + "/open").session(otherWallet).with(csrf())).andExpect(status().isNotFound());
        assertThat(balance(other)).isZero();

        mvc.perform(post(page + "/open").session(wallet).with(csrf())).andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("message", "¥6.66 added to your balance."));
        assertThat(balance(user)).isEqualTo(6_66);
        mvc.perform(get(page).session(wallet)).andExpect(content().string(Matchers.containsString("6.66")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(page + "/open"))));
    }

    private long balance(TestPayers.Payer payer) {
        return ledger.account(accounts.openWallet(payer.id())).orElseThrow().balances().creditBalance();
    }

    private MockHttpSession walletSession(String mobile) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/wallet/login").user("mobile", mobile)
                        .password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
    }
}
