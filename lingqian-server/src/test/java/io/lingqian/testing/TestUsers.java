package io.lingqian.testing;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.staff.StaffUsers;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/**
 * Creates users with unique logins through the contexts' public services, so tests can share a
 * database with other test contexts and with earlier runs.
 */
@Component
public class TestUsers {

    public static final String PASSWORD = "correct horse battery";

    private final WalletUsers wallets;
    private final MerchantAccounts merchants;
    private final StaffUsers staff;

    TestUsers(WalletUsers wallets, MerchantAccounts merchants, StaffUsers staff) {
        this.wallets = wallets;
        this.merchants = merchants;
        this.staff = staff;
    }

    public WalletUser walletUser() {
        // 10 random digits after the leading 1: a clash is a one-in-ten-billion event per pair.
        String mobile = "1" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        return wallets.register(mobile, "Test Wallet User", PASSWORD);
    }

    public MerchantUser merchantUser() {
        Merchant merchant = merchants.open(null, "Test Merchant " + unique(), MerchantStatus.ACTIVE);
        return merchants.addPortalUser(merchant.id(), unique() + "@merchant.test", "Test Merchant User", PASSWORD);
    }

    public StaffUser staff(StaffRole... roles) {
        return staff.create("t-" + unique(), "Test Staff", PASSWORD, Set.of(roles));
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
