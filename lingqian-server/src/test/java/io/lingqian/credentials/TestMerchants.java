package io.lingqian.credentials;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.testing.TestUsers;

/**
 * Approved merchants with a unique ten-digit mchid (API credentials need one) and a portal user, for
 * tests that share a database.
 */
@Component
public class TestMerchants {

    public record ApprovedMerchant(Merchant merchant, MerchantUser user) {

        public long id() {
            return merchant.id();
        }

        public String mchid() {
            return merchant.mchid().orElseThrow();
        }
    }

    private final MerchantAccounts merchants;

    TestMerchants(MerchantAccounts merchants) {
        this.merchants = merchants;
    }

    public ApprovedMerchant approved() {
        // 2xxxxxxxxx: never the demo merchant's 19…, and a clash is one in a billion per pair.
        String mchid = "2" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Merchant merchant = merchants.open(mchid, "Test Shop " + unique, MerchantStatus.ACTIVE);
        MerchantUser user = merchants.addPortalUser(merchant.id(), unique + "@shop.test", "Test Shop Owner",
                TestUsers.PASSWORD);
        return new ApprovedMerchant(merchant, user);
    }
}
