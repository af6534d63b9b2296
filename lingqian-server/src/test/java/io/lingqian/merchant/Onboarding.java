package io.lingqian.merchant;

import java.util.Random;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.lingqian.bank.TestAccount;
import io.lingqian.testing.TestUsers;

/** Merchants at each step of onboarding, made through the public services as a merchant and staff would. */
@Component
public class Onboarding {

    /** Valid GB 32100-2015 codes (check characters computed by hand). */
    public static final String LICENCE = "91310000MA1FL0000N";
    public static final Actor REVIEWER = Actor.staff(1, "Test Reviewer");
    private static final Random RANDOM = new Random();

    private final MerchantApplications applications;
    private final MerchantAccounts accounts;

    Onboarding(MerchantApplications applications, MerchantAccounts accounts) {
        this.applications = applications;
        this.accounts = accounts;
    }

    public static ApplicationForm completeForm(String legalName) {
        return completeForm(legalName, "6222 0212 3456 7890 123");
    }

    /** @param accountNumber the settlement account, e.g. a {@link io.lingqian.bank.TestAccount} number */
    public static ApplicationForm completeForm(String legalName, String accountNumber) {
        return new ApplicationForm(legalName, "Test Shop", "Zhang San", "13912345678", "owner@shop.example.cn",
                MerchantCategory.CATERING.name(), LICENCE, "Zhang San", "https://shop.example.cn",
                "ICBC", legalName, accountNumber);
    }

    /** A merchant that has signed up, with its portal user. */
    public MerchantUser signedUp() {
        String unique = UUID.randomUUID().toString().substring(0, 12);
        return applications.signUp("Test Shop " + unique, unique + "@shop.test", "Owner " + unique,
                TestUsers.PASSWORD);
    }

    public long merchantOf(MerchantUser user) {
        return user.merchantId();
    }

    /** A signed-up merchant whose complete application waits in the queue. */
    public MerchantUser submitted() {
        return submitted(TestAccount.ALWAYS_SUCCEEDS.number(RANDOM));
    }

    /** A submitted merchant whose settlement account is {@code accountNumber}. */
    public MerchantUser submitted(String accountNumber) {
        MerchantUser user = signedUp();
        applications.save(user.merchantId(), completeForm("Shanghai Test Catering Co., Ltd. " + user.id(),
                accountNumber));
        applications.submit(user.merchantId(), Actor.merchantUser(user.id(), user.displayName()));
        return user;
    }

    /** A merchant through review, signing and (without a deposit) activation. */
    public Merchant active() {
        return active(TestAccount.ALWAYS_SUCCEEDS);
    }

    /** An active merchant whose settlement account at ICBC behaves as {@code account}. */
    public Merchant active(TestAccount account) {
        MerchantUser user = submitted(account.number(RANDOM));
        MerchantApplication app = applications.ofMerchant(user.merchantId()).orElseThrow();
        applications.startReview(app.id(), REVIEWER);
        applications.approve(app.id(), REVIEWER, "fine");
        applications.signContract(user.merchantId(), Actor.merchantUser(user.id(), user.displayName()));
        return accounts.merchant(user.merchantId()).orElseThrow();
    }

    public MerchantApplication applicationOf(MerchantUser user) {
        return applications.ofMerchant(user.merchantId()).orElseThrow();
    }
}
