package io.lingqian.api.v3.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.github.binarywang.wxpay.bean.applyment.ApplymentStateQueryResult;
import com.github.binarywang.wxpay.bean.applyment.WxPayApplyment4SubCreateRequest;
import com.github.binarywang.wxpay.bean.applyment.WxPayApplyment4SubCreateRequest.BankAccountInfo;
import com.github.binarywang.wxpay.bean.applyment.WxPayApplyment4SubCreateRequest.BusinessInfo;
import com.github.binarywang.wxpay.bean.applyment.WxPayApplyment4SubCreateRequest.ContactInfo;
import com.github.binarywang.wxpay.bean.applyment.WxPayApplyment4SubCreateRequest.SettlementInfo;
import com.github.binarywang.wxpay.bean.applyment.WxPayApplyment4SubCreateRequest.SubjectInfo;
import com.github.binarywang.wxpay.bean.applyment.enums.ApplymentStateEnum;
import com.github.binarywang.wxpay.bean.applyment.enums.BankAccountTypeEnum;
import com.github.binarywang.wxpay.bean.applyment.enums.IdTypeEnum;
import com.github.binarywang.wxpay.bean.applyment.enums.SalesScenesTypeEnum;
import com.github.binarywang.wxpay.bean.applyment.enums.SubjectTypeEnum;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.Applyment4SubService;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.Applyment4SubServiceImpl;
import com.wechat.pay.java.service.partnerpayments.jsapi.JsapiService;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Amount;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.Payer;
import com.wechat.pay.java.service.partnerpayments.jsapi.model.PrepayRequest;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.api.v2.WxPayClients;
import io.lingqian.api.v3.ApiV3Credentials;
import io.lingqian.api.v3.SdkClients;
import io.lingqian.bank.TestAccount;
import io.lingqian.clock.AdjustableClock;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.TestMerchants;
import io.lingqian.ledger.Ledger;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.ApplicationForm;
import io.lingqian.merchant.ApplicationState;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantApplication;
import io.lingqian.merchant.MerchantApplications;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.Onboarding;
import io.lingqian.merchant.OpenIds;
import io.lingqian.merchant.Settlement;
import io.lingqian.merchant.SettlementState;
import io.lingqian.merchant.Settlements;
import io.lingqian.partner.Providers;
import io.lingqian.partner.ServiceProviders;
import io.lingqian.payment.Cashier;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.wallet.TestPayers;

/**
 * Sub-merchant onboarding by API through WxJava 4.7.0's {@code Applyment4SubService} (wechatpay-java
 * 0.2.17 has no applyment service) against the running server, fully signed and verified, with the
 * sensitive fields encrypted by WxJava with the platform public key: a provider submits a shop,
 * staff approve it in the ordinary queue, the shop's legal person signs through the sign link, the
 * query shows FINISHED with the sub_mchid, the provider takes a payment for the shop with its own
 * credentials through wechatpay-java's partner JSAPI, and settlement pays the shop. Then the account
 * verification and rejection paths, idempotency on business_code, field errors, and isolation.
 */
@DemoEnvironmentTest
class ApplymentSdkTests {

    /** A valid resident identity card number (GB 11643 check character X). */
    static final String ID_CARD = "11010519491231002X";
    private static final Random RANDOM = new Random();

    @LocalServerPort
    int port;
    @Autowired Providers providers;
    @Autowired ServiceProviders serviceProviders;
    @Autowired MerchantCredentials credentials;
    @Autowired PlatformKeys platformKeys;
    @Autowired MerchantApplications applications;
    @Autowired MerchantAccounts accounts;
    @Autowired MerchantApps apps;
    @Autowired OpenIds openIds;
    @Autowired TestPayers payers;
    @Autowired TestMerchants merchants;
    @Autowired Cashier cashier;
    @Autowired CustomerAccounts customerAccounts;
    @Autowired Ledger ledger;
    @Autowired Settlements settlements;
    @Autowired AdjustableClock clock;

    /** A provider with API credentials: WxJava for the applyment, wechatpay-java for payments. */
    record Signer(long merchantId, ApiV3Credentials credentials) {

        String mchid() {
            return credentials.mchid();
        }
    }

    private Signer provider;
    private Applyment4SubService applyment;

    @BeforeEach
    void provider() {
        provider = signer(providers.activeProvider().merchantId(), null);
        applyment = new Applyment4SubServiceImpl(wxJava(provider));
    }

    @Test
    void aShopOnboardedByApiIsApprovedSignsTakesAPaymentThroughItsProviderAndIsSettled() throws Exception {
        String code = businessCode();
        String account = TestAccount.ALWAYS_SUCCEEDS.number(RANDOM);
        String id = applyment.createApply(request(code, account, r -> { })).getApplymentId();
        assertThat(id).matches("2000\\d{12}");
        assertThat(applyment.createApply(request(code, account, r -> { })).getApplymentId())
                .as("the same business_code and content again: the same application").isEqualTo(id);

        ApplymentStateQueryResult auditing = applyment.queryApplyStatusByBusinessCode(code);
        assertThat(auditing.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_AUDITING);
        assertThat(auditing.getApplymentId()).isEqualTo(id);
        assertThat(auditing.getBusinessCode()).isEqualTo(code);
        assertThat(auditing.getSubMchid()).isNull();
        assertThat(auditing.getSignUrl()).isNull();

        // Staff find it in the one review queue, labelled as the provider's shop.
        long shopId = serviceProviders.byBusinessCode(provider.merchantId(), code).orElseThrow().merchantId();
        MerchantApplication queued = applications.ofMerchant(shopId).orElseThrow();
        assertThat(applications.queue(ApplicationState.SUBMITTED)).extracting(MerchantApplication::id)
                .contains(queued.id());
        assertThat(serviceProviders.reviewLabel(shopId)).contains("Sub-merchant of "
                + accounts.merchant(provider.merchantId()).orElseThrow().name());
        assertThat(queued.form().legalName()).isEqualTo("Corner Noodles Ltd. " + code);
        assertThat(queued.form().category()).isEqualTo("CATERING");
        assertThat(queued.bankAccountLast4()).contains(account.substring(account.length() - 4));
        providers.approve(shopId);

        ApplymentStateQueryResult toSign = applyment.queryApplyStatusByApplymentId(id);
        assertThat(toSign.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_TO_BE_SIGNED);
        assertThat(toSign.getSubMchid()).as("not before it is finished").isNull();
        assertThat(toSign.getSignUrl()).contains("/merchant/applyment/sign/");

        SignLink link = new SignLink(toSign.getSignUrl());
        assertThat(link.page()).contains("Corner Noodles Ltd. " + code).contains("Sign the contract")
                .doesNotContain(ID_CARD).doesNotContain(account);
        assertThat(link.post("sign")).contains("FINISH");

        ApplymentStateQueryResult finished = applyment.queryApplyStatusByBusinessCode(code);
        assertThat(finished.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_FINISHED);
        Merchant shop = accounts.merchant(shopId).orElseThrow();
        assertThat(finished.getSubMchid()).isEqualTo(shop.mchid().orElseThrow());
        assertThat(finished.getSignUrl()).isNull();
        assertThat(link.post("sign")).as("signing twice changes nothing").contains("cannot become FINISH");

        // The provider takes a payment for the shop with its own credentials (wechatpay-java partner JSAPI).
        String spAppid = apps.register(provider.merchantId(), AppKind.OFFICIAL_ACCOUNT, "Provider account",
                List.of()).app().appid();
        TestPayers.Payer payer = payers.withBalance(300_00);
        PrepayRequest prepay = new PrepayRequest();
        prepay.setSpAppid(spAppid);
        prepay.setSpMchid(provider.mchid());
        prepay.setSubMchid(finished.getSubMchid());
        prepay.setDescription("Beef noodles");
        prepay.setOutTradeNo("AP" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        prepay.setNotifyUrl("https://provider.example.cn/notify");
        Amount amount = new Amount();
        amount.setTotal(100_00);
        prepay.setAmount(amount);
        Payer jsapiPayer = new Payer();
        jsapiPayer.setSpOpenid(openIds.openidOf(spAppid, payer.id()));
        prepay.setPayer(jsapiPayer);
        String prepayId = new JsapiService.Builder().httpClient(SdkClients.http(
                SdkClients.publicKeyMode(provider.credentials(), platformKeys.preferred()), port)).build()
                .prepay(prepay).getPrepayId();
        cashier.pay(payer.id(), payer.deviceId(), prepayId, TestPayers.PAY_PASSWORD);

        // Catering (settlement_id 719): 0.6 %, on the shop's account; nothing for the provider.
        assertThat(balance(customerAccounts.openMerchantSettlement(shopId))).isEqualTo(100_00 - 60);
        assertThat(balance(customerAccounts.openMerchantSettlement(provider.merchantId()))).isZero();

        clock.advance(Duration.ofDays(1));
        Settlement paid = settlements.settle(shopId).orElseThrow();
        assertThat(paid.state()).isEqualTo(SettlementState.PAID);
        assertThat(paid.amountFen()).isEqualTo(100_00 - 60);
        assertThat(balance(customerAccounts.openMerchantSettlement(shopId))).isZero();
    }

    @Test
    void anAgentAdministratorNeedsTheLegalPersonsConfirmationAndARejectedApplicationIsResubmittedUnderItsCode()
            throws Exception {
        String code = businessCode();
        String account = TestAccount.ALWAYS_SUCCEEDS.number(RANDOM);
        String id = applyment.createApply(request(code, account, asAgent())).getApplymentId();

        ApplymentStateQueryResult toConfirm = applyment.queryApplyStatusByApplymentId(id);
        assertThat(toConfirm.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_TO_BE_CONFIRMED);
        assertThat(toConfirm.getApplymentStateMsg()).contains("账户验证");
        long shopId = serviceProviders.byBusinessCode(provider.merchantId(), code).orElseThrow().merchantId();
        assertThat(applications.ofMerchant(shopId).orElseThrow().state())
                .as("not in the staff's queue before the legal person confirms").isEqualTo(ApplicationState.DRAFT);

        new SignLink(toConfirm.getSignUrl()).post("verify");
        assertThat(applyment.queryApplyStatusByApplymentId(id).getApplymentState())
                .isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_AUDITING);

        // Other content under the same code while it is being reviewed: refused, nothing changes.
        assertThatThrownBy(() -> applyment.createApply(request(code, account,
                r -> r.getBusinessInfo().setMerchantShortname("Other name"))))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("INVALID_REQUEST"));

        long applicationId = applications.ofMerchant(shopId).orElseThrow().id();
        applications.startReview(applicationId, Onboarding.REVIEWER);
        applications.reject(applicationId, Map.of(ApplicationForm.SITE_URL, "The site does not load."),
                Onboarding.REVIEWER);
        ApplymentStateQueryResult rejected = applyment.queryApplyStatusByBusinessCode(code);
        assertThat(rejected.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_REJECTED);
        assertThat(rejected.getAuditDetail()).singleElement().satisfies(d -> {
            assertThat(d.getField()).isEqualTo("domain");
            assertThat(d.getFieldName()).isEqualTo("网站域名");
            assertThat(d.getRejectReason()).isEqualTo("The site does not load.");
        });

        String again = applyment.createApply(request(code, account, r -> r.getBusinessInfo().getSalesInfo()
                .getWebInfo().setDomain("noodles2.example.cn"))).getApplymentId();
        assertThat(again).as("resubmitted under its business_code").isEqualTo(id);
        ApplymentStateQueryResult resubmitted = applyment.queryApplyStatusByApplymentId(id);
        assertThat(resubmitted.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_AUDITING);
        assertThat(resubmitted.getAuditDetail()).isNull();
        assertThat(applications.ofMerchant(shopId).orElseThrow().form().siteUrl()).isEqualTo("https://noodles2.example.cn");
    }

    @Test
    void anAccountTheBankDoesNotKnowUnderTheNameRejectsTheApplicationAtTheDataCheck() throws Exception {
        String code = businessCode();
        String id = applyment.createApply(request(code, TestAccount.NAME_MISMATCH.number(RANDOM), r -> { }))
                .getApplymentId();
        ApplymentStateQueryResult rejected = applyment.queryApplyStatusByApplymentId(id);
        assertThat(rejected.getApplymentState()).isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_REJECTED);
        assertThat(rejected.getAuditDetail()).singleElement().satisfies(d -> {
            assertThat(d.getField()).isEqualTo("account_number");
            assertThat(d.getRejectReason()).isNotBlank();
        });
        String fixed = applyment.createApply(request(code, TestAccount.ALWAYS_SUCCEEDS.number(RANDOM), r -> { }))
                .getApplymentId();
        assertThat(fixed).isEqualTo(id);
        assertThat(applyment.queryApplyStatusByApplymentId(id).getApplymentState())
                .isEqualTo(ApplymentStateEnum.APPLYMENT_STATE_AUDITING);
    }

    @Test
    void missingOrMalformedFieldsAreRefusedByNameAndNothingIsStored() {
        Map<String, Consumer<WxPayApplyment4SubCreateRequest>> broken = Map.ofEntries(
                Map.entry("id_card_number", r -> r.getSubjectInfo().getIdentityInfo().getIdCardInfo()
                        .setIdCardNumber("110105194912310021")),
                Map.entry("mobile_phone", r -> r.getContactInfo().setMobilePhone("12345")),
                Map.entry("contact_email", r -> r.getContactInfo().setContactEmail("not-an-email")),
                Map.entry("account_number", r -> r.getBankAccountInfo().setAccountNumber("6222-ABC")),
                Map.entry("license_number", r -> r.getSubjectInfo().getBusinessLicenseInfo()
                        .setLicenseNumber("91310000MA1FL0000X")),
                Map.entry("settlement_id", r -> r.getSettlementInfo().setSettlementId("999")),
                Map.entry("biz_sub_appid", r -> r.getBusinessInfo().getSalesInfo().getBizStoreInfo()
                        .setBizSubAppid("wx123")),
                Map.entry("merchant_shortname", r -> r.getBusinessInfo()
                        .setMerchantShortname("A shop name far longer than sixteen")),
                Map.entry("contact_id_number", asAgent().andThen(r -> r.getContactInfo().setContactIdNumber(null))),
                Map.entry("account_name", r -> r.getBankAccountInfo().setAccountName("Someone Else Ltd.")),
                Map.entry("id_card_name", r -> r.getSubjectInfo().getIdentityInfo().getIdCardInfo().setIdCardName(null)));
        broken.forEach((field, change) -> {
            String code = businessCode();
            assertThatThrownBy(() -> applyment.createApply(request(code, TestAccount.ALWAYS_SUCCEEDS.number(RANDOM),
                    change))).as(field).isInstanceOfSatisfying(WxPayException.class, e -> {
                        assertThat(e.getErrCode()).isEqualTo("PARAM_ERROR");
                        assertThat(e.getErrCodeDes()).contains(field);
                    });
            assertThat(serviceProviders.byBusinessCode(provider.merchantId(), code)).as(field).isEmpty();
            assertThatThrownBy(() -> applyment.queryApplyStatusByBusinessCode(code)).as(field)
                    .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NOT_FOUND"));
        });
    }

    @Test
    void aFieldNotEncryptedWithThePlatformKeyIsRefused() throws Exception {
        String body = "{\"business_code\":\"" + businessCode() + "\",\"contact_info\":{\"contact_type\":\"LEGAL\","
                + "\"contact_name\":\"Zhang San\"}}";
        WxPayService wx = wxJava(provider);
        assertThatThrownBy(() -> wx.postV3WithWechatpaySerial("http://api.mch.weixin.qq.com:" + port
                + "/v3/applyment4sub/applyment/", body)).isInstanceOfSatisfying(WxPayException.class, e -> {
                    assertThat(e.getErrCode()).isEqualTo("PARAM_ERROR");
                    assertThat(e.getErrCodeDes()).contains("contact_info.contact_name could not be decrypted");
                });
    }

    @Test
    void aProviderSeesOnlyItsOwnApplicationsAndADirectMerchantIsRefused() throws Exception {
        String code = businessCode();
        String id = applyment.createApply(request(code, TestAccount.ALWAYS_SUCCEEDS.number(RANDOM), r -> { }))
                .getApplymentId();

        Applyment4SubService other = new Applyment4SubServiceImpl(wxJava(signer(
                providers.activeProvider().merchantId(), null)));
        assertThatThrownBy(() -> other.queryApplyStatusByApplymentId(id))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NOT_FOUND"));
        assertThatThrownBy(() -> other.queryApplyStatusByBusinessCode(code))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NOT_FOUND"));

        TestMerchants.ApprovedMerchant direct = merchants.approved();
        Applyment4SubService directService = new Applyment4SubServiceImpl(wxJava(signer(direct.id(), direct.mchid())));
        assertThatThrownBy(() -> directService.createApply(request(businessCode(),
                TestAccount.ALWAYS_SUCCEEDS.number(RANDOM), r -> { })))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NO_AUTH"));
        assertThatThrownBy(() -> directService.queryApplyStatusByApplymentId(id))
                .isInstanceOfSatisfying(WxPayException.class, e -> assertThat(e.getErrCode()).isEqualTo("NO_AUTH"));
    }

    /** A complete application for a noodle shop whose legal person is its super administrator. */
    private static WxPayApplyment4SubCreateRequest request(String code, String accountNumber,
            Consumer<WxPayApplyment4SubCreateRequest> change) {
        String legalName = "Corner Noodles Ltd. " + code;
        WxPayApplyment4SubCreateRequest r = new WxPayApplyment4SubCreateRequest();
        r.setBusinessCode(code);
        ContactInfo contact = new ContactInfo();
        contact.setContactType("LEGAL");
        contact.setContactName("Zhang San");
        contact.setMobilePhone("13912345678");
        contact.setContactEmail("owner@noodles.example.cn");
        r.setContactInfo(contact);

        SubjectInfo subject = new SubjectInfo();
        subject.setSubjectType(SubjectTypeEnum.SUBJECT_TYPE_ENTERPRISE);
        SubjectInfo.BusinessLicenseInfo licence = new SubjectInfo.BusinessLicenseInfo();
        licence.setLicenseCopy("media-licence-copy");
        licence.setLicenseNumber(Onboarding.LICENCE);
        licence.setMerchantName(legalName);
        licence.setLegalPerson("Zhang San");
        subject.setBusinessLicenseInfo(licence);
        SubjectInfo.IdentityInfo identity = new SubjectInfo.IdentityInfo();
        identity.setIdDocType(IdTypeEnum.IDENTIFICATION_TYPE_IDCARD);
        SubjectInfo.IdentityInfo.IdCardInfo card = new SubjectInfo.IdentityInfo.IdCardInfo();
        card.setIdCardCopy("media-id-front");
        card.setIdCardNational("media-id-back");
        card.setIdCardName("Zhang San");
        card.setIdCardNumber(ID_CARD);
        card.setCardPeriodBegin("2019-06-06");
        card.setCardPeriodEnd("2039-06-06");
        identity.setIdCardInfo(card);
        identity.setOwner(true);
        subject.setIdentityInfo(identity);
        r.setSubjectInfo(subject);

        BusinessInfo business = new BusinessInfo();
        business.setMerchantShortname("Corner Noodles");
        business.setServicePhone("021-12345678");
        BusinessInfo.SalesInfo sales = new BusinessInfo.SalesInfo();
        sales.setSalesScenesType(List.of(SalesScenesTypeEnum.SALES_SCENES_STORE, SalesScenesTypeEnum.SALES_SCENES_WEB));
        BusinessInfo.SalesInfo.BizStoreInfo store = new BusinessInfo.SalesInfo.BizStoreInfo();
        store.setBizStoreName("Corner Noodles");
        store.setBizAddressCode("310104");
        store.setBizStoreAddress("1 Noodle Lane, Xuhui, Shanghai");
        store.setStoreEntrancePic(List.of("media-entrance"));
        store.setIndoorPic(List.of("media-indoor"));
        sales.setBizStoreInfo(store);
        BusinessInfo.SalesInfo.WebInfo web = new BusinessInfo.SalesInfo.WebInfo();
        web.setDomain("noodles.example.cn");
        sales.setWebInfo(web);
        business.setSalesInfo(sales);
        r.setBusinessInfo(business);

        SettlementInfo settlement = new SettlementInfo();
        settlement.setSettlementId("719");
        settlement.setQualificationType("餐饮");
        r.setSettlementInfo(settlement);

        BankAccountInfo bank = new BankAccountInfo();
        bank.setBankAccountType(BankAccountTypeEnum.BANK_ACCOUNT_TYPE_CORPORATE);
        bank.setAccountName(legalName);
        bank.setAccountBank("工商银行");
        bank.setBankAddressCode("310000");
        bank.setAccountNumber(accountNumber);
        r.setBankAccountInfo(bank);
        change.accept(r);
        return r;
    }

    /** The super administrator is an agent, with an identity card of their own. */
    private static Consumer<WxPayApplyment4SubCreateRequest> asAgent() {
        return r -> {
            r.getContactInfo().setContactType("SUPER");
            r.getContactInfo().setContactName("Li Si");
            r.getContactInfo().setContactIdDocType("IDENTIFICATION_TYPE_IDCARD");
            r.getContactInfo().setContactIdNumber(ID_CARD);
            r.getContactInfo().setContactIdDocCopy("media-agent-id");
        };
    }

    private static String businessCode() {
        return "APPLY" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** The sign link in a browser-like client: keeps its session and sends the form's CSRF token. */
    private static final class SignLink {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        private final String url;

        /** The link names the host the API was called on: WeChat's name, which only WxJava resolves here. */
        SignLink(String url) {
            URI link = URI.create(url);
            this.url = "http://127.0.0.1:" + link.getPort() + link.getRawPath();
        }

        String page() throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }

        String post(String action) throws IOException, InterruptedException {
            Matcher csrf = CSRF.matcher(page());
            String token = csrf.find() ? csrf.group(1) : "";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/" + action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private Signer signer(long merchantId, String mchid) {
        return new Signer(merchantId, ApiV3Credentials.issue(credentials, merchantId,
                mchid != null ? mchid : providers.mchidOf(merchantId)));
    }

    /**
     * WxJava signing as the provider, in public-key mode, so requests are signed, answers verified and
     * sensitive fields encrypted with the platform public key (reference §5.6 option B).
     */
    private WxPayService wxJava(Signer signer) {
        return WxPayClients.apiV3(signer.credentials(), platformKeys.preferred(), port);
    }

    private long balance(long accountId) {
        return ledger.account(accountId).orElseThrow().balances().creditBalance();
    }
}
