package io.lingqian.web.merchant;

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
import io.lingqian.payout.NewPayout;
import io.lingqian.payout.Payout;
import io.lingqian.payout.Payouts;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;
import io.lingqian.wallet.TestPayers;

/**
 * The portal's payouts page lists the merchant's own payouts and nobody else's; the user finds the
 * payout in the wallet's bills under the merchant's name and note.
 */
@ServerTest
class PayoutPagesTests {

    @Autowired MockMvc mvc;
    @Autowired TestMerchants merchants;
    @Autowired MerchantApps apps;
    @Autowired OpenIds openIds;
    @Autowired TestPayers payers;
    @Autowired Payouts payouts;
    @Autowired CustomerAccounts accounts;
    @Autowired Ledger ledger;

    @Test
    void theMerchantSeesItsPayoutAndTheUserSeesItInTheBillsAndAnotherMerchantDoesNot() throws Exception {
        TestMerchants.ApprovedMerchant a = merchants.approved();
        TestMerchants.ApprovedMerchant b = merchants.approved();
        String appid = apps.register(a.id(), AppKind.OFFICIAL_ACCOUNT, "Rewards", List.of()).app().appid();
        ledger.createTransfer(TransferRequest.single("test-fund-" + UUID.randomUUID(),
                PlatformAccount.bankReserve(PartnerBank.CMB).id(), accounts.openMerchantSettlement(a.id()), 20_00, Ledger.CNY,
                TransferCode.ADJUSTMENT.code(), "test")).orThrow();
        TestPayers.Payer user = payers.withBalance(0);
        String tradeNo = "PP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Payout paid = payouts.pay(a.id(), new NewPayout(tradeNo, appid, openIds.openidOf(appid, user.id()), null,
                8_88, "Survey thank-you", "hash-" + tradeNo));

        mvc.perform(get("/merchant/payouts").session(merchantSession(a.user().email())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(tradeNo)))
                .andExpect(content().string(Matchers.containsString("8.88")))
                .andExpect(content().string(Matchers.containsString("Survey thank-you")));
        mvc.perform(get("/merchant/payouts").session(merchantSession(b.user().email())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString(tradeNo))))
                .andExpect(content().string(Matchers.containsString("No payouts yet.")));

        MockHttpSession wallet = (MockHttpSession) mvc.perform(formLogin("/wallet/login")
                        .user("mobile", user.user().mobile()).password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
        mvc.perform(get("/wallet/bills").session(wallet))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Survey thank-you")))
                .andExpect(content().string(Matchers.containsString(a.merchant().name())));
        mvc.perform(get("/wallet/bills/" + paid.reference()).session(wallet))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("From")));
    }

    private MockHttpSession merchantSession(String email) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/merchant/login").user("email", email)
                        .password(TestUsers.PASSWORD))
                .andExpect(redirectedUrl("/merchant"))
                .andReturn().getRequest().getSession(false);
    }
}
