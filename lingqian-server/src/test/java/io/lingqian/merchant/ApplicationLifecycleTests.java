package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.bank.TestAccount;
import io.lingqian.ledger.Ledger;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.testing.ServerTest;

/** The application state machine through the public service, with the audit trail it leaves. */
@ServerTest
class ApplicationLifecycleTests {

    @Autowired MerchantApplications applications;
    @Autowired MerchantAccounts accounts;
    @Autowired Onboarding onboarding;
    @Autowired Ledger ledger;

    @Test
    void aMerchantIsRejectedEditsResubmitsAndIsApprovedSignsAndIsActive() {
        MerchantUser user = onboarding.signedUp();
        Actor owner = Actor.merchantUser(user.id(), user.displayName());
        long merchantId = user.merchantId();
        assertThat(applications.ofMerchant(merchantId).orElseThrow().state()).isEqualTo(ApplicationState.DRAFT);

        String legalName = "Hangzhou Lifecycle Tea Co., Ltd. " + user.id();
        applications.save(merchantId, Onboarding.completeForm(legalName));
        MerchantApplication submitted = applications.submit(merchantId, owner);
        assertThat(submitted.state()).isEqualTo(ApplicationState.SUBMITTED);
        assertThat(submitted.bankAccountLast4()).contains("0123");
        assertThat(submitted.bankAccountVerified()).isTrue();
        assertThat(applications.queue(ApplicationState.SUBMITTED)).extracting(MerchantApplication::id)
                .contains(submitted.id());

        applications.startReview(submitted.id(), Onboarding.REVIEWER);
        MerchantApplication rejected = applications.reject(submitted.id(), Map.of(
                ApplicationForm.SITE_URL, "The site does not load.",
                ApplicationForm.SHORT_NAME, ""), Onboarding.REVIEWER);
        assertThat(rejected.state()).isEqualTo(ApplicationState.REJECTED);
        assertThat(rejected.rejectionReasons()).containsExactly(Map.entry(ApplicationForm.SITE_URL,
                "The site does not load."));
        assertThat(accounts.merchant(merchantId).orElseThrow().status()).isEqualTo(MerchantStatus.APPLYING);

        ApplicationForm fixed = withSite(Onboarding.completeForm(legalName), "https://tea.example.cn");
        applications.save(merchantId, new ApplicationForm(fixed.legalName(), fixed.shortName(), fixed.contactName(),
                fixed.contactPhone(), fixed.contactEmail(), fixed.category(), fixed.licenceNumber(),
                fixed.legalRepresentative(), fixed.siteUrl(), fixed.bankName(), fixed.bankAccountName(), ""));
        MerchantApplication resubmitted = applications.submit(merchantId, owner);
        assertThat(resubmitted.form().siteUrl()).isEqualTo("https://tea.example.cn");
        assertThat(resubmitted.bankAccountLast4()).as("a blank number keeps the stored one").contains("0123");
        assertThat(resubmitted.rejectionReasons()).isEmpty();

        applications.startReview(submitted.id(), Onboarding.REVIEWER);
        applications.approve(submitted.id(), Onboarding.REVIEWER, "all documents in order");
        Merchant approved = accounts.merchant(merchantId).orElseThrow();
        assertThat(approved.mchid()).hasValueSatisfying(mchid -> assertThat(mchid).matches("1\\d{9}")
                .isNotEqualTo("1900000001"));
        assertThat(ledger.accountByReference(CustomerAccounts.merchantSettlementReference(merchantId))).isPresent();

        MerchantApplication active = applications.signContract(merchantId, owner);
        assertThat(active.state()).isEqualTo(ApplicationState.ACTIVE);
        assertThat(accounts.merchant(merchantId).orElseThrow().status()).isEqualTo(MerchantStatus.ACTIVE);

        assertThat(applications.history(submitted.id()))
                .extracting(e -> e.from().map(Enum::name).orElse("-") + ">" + e.to() + " by " + e.actor().kind())
                .containsExactly(
                        "->DRAFT by MERCHANT_USER",
                        "DRAFT>SUBMITTED by MERCHANT_USER",
                        "SUBMITTED>UNDER_REVIEW by STAFF",
                        "UNDER_REVIEW>REJECTED by STAFF",
                        "REJECTED>SUBMITTED by MERCHANT_USER",
                        "SUBMITTED>UNDER_REVIEW by STAFF",
                        "UNDER_REVIEW>APPROVED by STAFF",
                        "APPROVED>CONTRACT_SIGNED by MERCHANT_USER",
                        "CONTRACT_SIGNED>ACTIVE by SYSTEM");
        assertThat(applications.history(submitted.id()).get(3).reason()).contains("siteUrl: The site does not load.");
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        MerchantUser user = onboarding.signedUp();
        MerchantApplication draft = onboarding.applicationOf(user);
        Actor owner = Actor.merchantUser(user.id(), user.displayName());

        assertThatThrownBy(() -> applications.approve(draft.id(), Onboarding.REVIEWER, null))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("illegal_transition"));
        assertThatThrownBy(() -> applications.signContract(user.merchantId(), owner))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("illegal_transition"));
        assertThatThrownBy(() -> applications.startReview(draft.id(), Onboarding.REVIEWER))
                .isInstanceOf(ApiProblemException.class);

        MerchantUser submittedUser = onboarding.submitted();
        assertThatThrownBy(() -> applications.save(submittedUser.merchantId(), Onboarding.completeForm("Changed")))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("not_editable"));

        Merchant active = onboarding.active();
        long activeApp = applications.ofMerchant(active.id()).orElseThrow().id();
        assertThatThrownBy(() -> applications.resume(activeApp, "why not", Onboarding.REVIEWER))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("illegal_transition"));
        applications.suspend(activeApp, "chargebacks", Onboarding.REVIEWER);
        assertThat(accounts.merchant(active.id()).orElseThrow().status()).isEqualTo(MerchantStatus.SUSPENDED);
        applications.resume(activeApp, "resolved", Onboarding.REVIEWER);
        applications.close(activeApp, "merchant asked", Onboarding.REVIEWER);
        assertThat(accounts.merchant(active.id()).orElseThrow().status()).isEqualTo(MerchantStatus.CLOSED);
        assertThatThrownBy(() -> applications.resume(activeApp, "again", Onboarding.REVIEWER))
                .isInstanceOf(ApiProblemException.class);
        assertThat(applications.ofMerchant(active.id()).orElseThrow().state()).isEqualTo(ApplicationState.CLOSED);
    }

    @Test
    void malformedFieldsGetAnErrorEachAndNothingIsSaved() {
        MerchantUser user = onboarding.signedUp();
        ApplicationForm bad = new ApplicationForm("Good Name Ltd", "A short name far too long to show", "Li",
                "12345", "not-an-email", "CASINO", "91310000MA1FL0000M", "Li", "ftp://shop.example.cn",
                "NOBANK", "Someone Else Ltd", "12-34");
        assertThatThrownBy(() -> applications.save(user.merchantId(), bad))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys(
                        ApplicationForm.SHORT_NAME, ApplicationForm.CONTACT_PHONE, ApplicationForm.CONTACT_EMAIL,
                        ApplicationForm.CATEGORY, ApplicationForm.LICENCE_NUMBER, ApplicationForm.SITE_URL,
                        ApplicationForm.BANK_NAME, ApplicationForm.BANK_ACCOUNT_NAME,
                        ApplicationForm.BANK_ACCOUNT_NUMBER));
        assertThat(onboarding.applicationOf(user).form().legalName()).isNull();

        applications.save(user.merchantId(), new ApplicationForm("Half Done Ltd", null, null, null, null, null, null,
                null, null, null, null, null));
        assertThatThrownBy(() -> applications.submit(user.merchantId(), Actor.merchantUser(user.id(), "x")))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry(ApplicationForm.BANK_ACCOUNT_NUMBER, "Required.")
                        .doesNotContainKey(ApplicationForm.LEGAL_NAME));
        assertThat(onboarding.applicationOf(user).state()).isEqualTo(ApplicationState.DRAFT);
    }

    /** The bank's account-name enquiry decides: another holder's account or a closed one cannot be submitted. */
    @Test
    void anAccountTheBankDoesNotConfirmIsRefusedOnItsFieldAndNothingIsSubmitted() {
        for (TestAccount account : List.of(TestAccount.NAME_MISMATCH, TestAccount.CLOSED)) {
            MerchantUser user = onboarding.signedUp();
            applications.save(user.merchantId(), Onboarding.completeForm("Suzhou Enquiry Ltd. " + user.id(),
                    account.number(new Random())));
            assertThatThrownBy(() -> applications.submit(user.merchantId(), Actor.merchantUser(user.id(), "x")))
                    .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.fieldErrors())
                            .containsOnlyKeys(ApplicationForm.BANK_ACCOUNT_NUMBER)
                            .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                                    reason -> reason.contains(account == TestAccount.CLOSED ? "closed" : "holder name"),
                                    "the bank's reason")));
            MerchantApplication app = onboarding.applicationOf(user);
            assertThat(app.state()).isEqualTo(ApplicationState.DRAFT);
            assertThat(app.bankAccountVerified()).isFalse();
            assertThat(applications.history(app.id())).hasSize(1);
        }
    }

    @Test
    void aRejectionNeedsAReasonForAKnownField() {
        MerchantUser user = onboarding.submitted();
        long id = onboarding.applicationOf(user).id();
        applications.startReview(id, Onboarding.REVIEWER);
        assertThatThrownBy(() -> applications.reject(id, Map.of(ApplicationForm.SITE_URL, " "), Onboarding.REVIEWER))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.fieldErrors()).containsKey("reasons"));
        assertThatThrownBy(() -> applications.reject(id, Map.of("favouriteColour", "blue"), Onboarding.REVIEWER))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.fieldErrors()).containsKey("favouriteColour"));
        assertThat(onboarding.applicationOf(user).state()).isEqualTo(ApplicationState.UNDER_REVIEW);
    }

    @Test
    void signUpRefusesATakenEmail() {
        MerchantUser user = onboarding.signedUp();
        assertThatThrownBy(() -> applications.signUp("Other", user.email().toUpperCase(), "Other", "long enough pw"))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.fieldErrors()).containsKey("email"));
    }

    private static ApplicationForm withSite(ApplicationForm f, String site) {
        return new ApplicationForm(f.legalName(), f.shortName(), f.contactName(), f.contactPhone(), f.contactEmail(),
                f.category(), f.licenceNumber(), f.legalRepresentative(), site, f.bankName(), f.bankAccountName(),
                f.bankAccountNumber());
    }
}
