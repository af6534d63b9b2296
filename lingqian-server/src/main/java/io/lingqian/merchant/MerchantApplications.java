package io.lingqian.merchant;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.accounting.CustomerAccounts;
import io.lingqian.accounting.PlatformAccount;
import io.lingqian.accounting.TransferCode;
import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.TransferRequest;
import io.lingqian.merchant.internal.ApplicationStore;
import io.lingqian.merchant.internal.ApplicationValidator;
import io.lingqian.merchant.internal.MerchantStore;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.crypto.FieldCipher;

/**
 * Onboarding: sign-up, the application a merchant fills in, and its review by staff, through the
 * state machine of {@link ApplicationState}. Every transition is written to the audit trail with who
 * made it and why. Methods a merchant calls take its merchant id (from the signed-in portal user),
 * so a merchant only ever reaches its own application; staff methods take the application id, and
 * the admin console checks the staff member's role before calling them.
 */
@Service
public class MerchantApplications {

    /** The purpose the settlement account number is sealed under. */
    static final String ACCOUNT_PURPOSE = "merchant.settlement_account";
    private static final int QUEUE_LIMIT = 200;
    private static final int MCHID_ATTEMPTS = 20;

    private final ApplicationStore store;
    private final MerchantStore merchants;
    private final MerchantAccounts accounts;
    private final SettlementAccountVerifier verifier;
    private final CustomerAccounts customerAccounts;
    private final Ledger ledger;
    private final FieldCipher cipher;
    private final MerchantProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MerchantApplications(ApplicationStore store, MerchantStore merchants, MerchantAccounts accounts,
            SettlementAccountVerifier verifier, CustomerAccounts customerAccounts,
            Ledger ledger, FieldCipher cipher, MerchantProperties properties,
            Clock clock) {
        this.store = store;
        this.merchants = merchants;
        this.accounts = accounts;
        this.verifier = verifier;
        this.customerAccounts = customerAccounts;
        this.ledger = ledger;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens a merchant that is applying, its first portal user and an empty draft application.
     *
     * @throws InvalidApplicationException with errors on {@code companyName}, {@code email},
     *                                     {@code displayName} or {@code password}
     */
    @Transactional
    public MerchantUser signUp(String companyName, String email, String displayName, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (companyName == null || companyName.isBlank() || companyName.strip().length() > 128) {
            errors.put("companyName", "1 to 128 characters.");
        }
        if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 254) {
            errors.put("email", "Not an email address.");
        }
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 100) {
            errors.put("displayName", "1 to 100 characters.");
        }
        if (password == null || password.length() < MerchantAccounts.MIN_PASSWORD_LENGTH) {
            errors.put("password", "At least " + MerchantAccounts.MIN_PASSWORD_LENGTH + " characters.");
        }
        if (errors.isEmpty() && accounts.signInAccount(email).isPresent()) {
            errors.put("email", "This email already has a merchant portal account: sign in instead.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        Merchant merchant = accounts.open(null, companyName, MerchantStatus.APPLYING);
        MerchantUser user;
        try {
            user = accounts.addPortalUser(merchant.id(), email.strip(), displayName, password);
        } catch (DuplicateKeyException signedUpConcurrently) {
            throw new InvalidApplicationException(Map.of("email",
                    "This email already has a merchant portal account: sign in instead."));
        }
        Instant now = clock.instant();
        long id = store.insertDraft(merchant.id(), now);
        store.insertEvent(id, null, ApplicationState.DRAFT, Actor.merchantUser(user.id(), user.displayName()),
                "signed up", now);
        return user;
    }

    /**
     * Opens a draft application for a merchant opened without one (the demo's, or one opened
     * before onboarding existed); returns the existing one otherwise.
     */
    @Transactional
    public MerchantApplication startApplication(long merchantId, Actor actor) {
        Optional<MerchantApplication> existing = store.findByMerchant(merchantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        long id = store.insertDraft(merchantId, now);
        store.insertEvent(id, null, ApplicationState.DRAFT, actor, "application opened", now);
        return store.find(id).orElseThrow();
    }

    /** The application of a merchant (one each); empty for a merchant opened without one. */
    public Optional<MerchantApplication> ofMerchant(long merchantId) {
        return store.findByMerchant(merchantId);
    }

    /** For staff: any application. */
    public Optional<MerchantApplication> application(long applicationId) {
        return store.find(applicationId);
    }

    /** For staff: the audit trail, oldest first. */
    public List<ApplicationEvent> history(long applicationId) {
        return store.events(applicationId);
    }

    /** For staff: applications in a state (all when null), longest waiting first. */
    public List<MerchantApplication> queue(ApplicationState state) {
        return store.queue(state, QUEUE_LIMIT);
    }

    /**
     * Saves what the merchant typed, complete or not, while the application is a draft or rejected.
     *
     * @throws InvalidApplicationException when a filled-in field is malformed (nothing is saved)
     * @throws ApiProblemException 409 {@code not_editable} once submitted
     */
    @Transactional
    public MerchantApplication save(long merchantId, ApplicationForm form) {
        MerchantApplication app = lockOfMerchant(merchantId);
        if (!app.state().editable()) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "not_editable",
                    "An application that is " + app.state() + " can no longer be changed.");
        }
        Map<String, String> errors = ApplicationValidator.check(form, app.bankAccountLast4().isPresent(), false);
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        ApplicationForm clean = strip(form);
        String sealed = null;
        String last4 = null;
        if (form.bankAccountNumber() != null && !form.bankAccountNumber().isBlank()) {
            String digits = ApplicationValidator.digits(form.bankAccountNumber());
            sealed = cipher.seal(digits, ACCOUNT_PURPOSE);
            last4 = digits.substring(digits.length() - 4);
        }
        store.updateForm(app.id(), clean, sealed, last4, false, clock.instant());
        return store.find(app.id()).orElseThrow();
    }

    /**
     * Sends a complete application for review, after the bank has verified the settlement account.
     *
     * @throws InvalidApplicationException when a field is missing, malformed, or the bank refuses the account
     */
    @Transactional
    public MerchantApplication submit(long merchantId, Actor actor) {
        MerchantApplication app = lockOfMerchant(merchantId);
        ApplicationState target = app.state().next(ApplicationState.SUBMITTED);
        Map<String, String> errors = ApplicationValidator.check(app.form(), app.bankAccountLast4().isPresent(), true);
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        ApplicationStore.SealedAccount account = store.settlementAccount(merchantId).orElseThrow();
        SettlementAccountVerifier.Verification verification = verifier.verify(account.bankName(),
                account.holderName(), cipher.open(account.sealedNumber(), ACCOUNT_PURPOSE));
        if (!verification.verified()) {
            throw new InvalidApplicationException(Map.of(ApplicationForm.BANK_ACCOUNT_NUMBER, verification.reason()));
        }
        store.updateForm(app.id(), app.form(), null, null, true, clock.instant());
        store.replaceRejectionReasons(app.id(), Map.of());
        return move(app, target, actor, app.state() == ApplicationState.REJECTED ? "resubmitted" : "submitted");
    }

    /** A reviewer takes a submitted application from the queue. */
    @Transactional
    public MerchantApplication startReview(long applicationId, Actor reviewer) {
        return move(lock(applicationId), ApplicationState.UNDER_REVIEW, reviewer, "review started");
    }

    /**
     * Approves an application under review: the merchant gets its 10-digit mchid (unless it has one)
     * and its settlement account in the ledger, and owes the configured deposit.
     */
    @Transactional
    public MerchantApplication approve(long applicationId, Actor reviewer, String note) {
        MerchantApplication app = lock(applicationId);
        app.state().next(ApplicationState.APPROVED);
        Merchant merchant = merchants.findMerchant(app.merchantId()).orElseThrow();
        if (merchant.mchid().isEmpty()) {
            assignMchid(merchant.id());
        }
        store.setDeposit(app.id(), properties.depositFen());
        MerchantApplication approved = move(app, ApplicationState.APPROVED, reviewer,
                note == null || note.isBlank() ? "approved" : note.strip());
        // The ledger last: its account locks are then held for the shortest time.
        customerAccounts.openMerchantSettlement(app.merchantId());
        return approved;
    }

    /**
     * Rejects an application under review with a reason for each field that must change.
     *
     * @throws InvalidApplicationException when no reason is given, or one names an unknown field
     */
    @Transactional
    public MerchantApplication reject(long applicationId, Map<String, String> reasonsByField, Actor reviewer) {
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        reasonsByField.forEach((field, reason) -> {
            if (reason == null || reason.isBlank()) {
                return;
            }
            if (!ApplicationForm.FIELDS.contains(field)) {
                errors.put(field, "Not a field of the application.");
            } else if (reason.strip().length() > 500) {
                errors.put(field, "At most 500 characters.");
            } else {
                reasons.put(field, reason.strip());
            }
        });
        if (errors.isEmpty() && reasons.isEmpty()) {
            errors.put("reasons", "Give a reason for at least one field.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        MerchantApplication app = lock(applicationId);
        app.state().next(ApplicationState.REJECTED);
        store.replaceRejectionReasons(app.id(), reasons);
        StringBuilder summary = new StringBuilder();
        reasons.forEach((field, reason) -> summary.append(summary.isEmpty() ? "" : "; ").append(field).append(": ")
                .append(reason));
        return move(app, ApplicationState.REJECTED, reviewer, summary.toString());
    }

    /**
     * The merchant signs the contract. Without a deposit to pay it is active at once.
     */
    @Transactional
    public MerchantApplication signContract(long merchantId, Actor actor) {
        MerchantApplication app = lockOfMerchant(merchantId);
        MerchantApplication signed = move(app, ApplicationState.CONTRACT_SIGNED, actor, "contract signed");
        if (signed.depositFen() == 0) {
            return move(signed, ApplicationState.ACTIVE, Actor.system("onboarding"), "no deposit required");
        }
        return signed;
    }

    /**
     * Records that the merchant's deposit has arrived at the platform's bank: the money moves from
     * that bank's reserve into the merchant's deposit account, and the merchant becomes active.
     * Idempotent in the ledger: the transfer id is {@code deposit:<merchantId>}.
     */
    @Transactional
    public MerchantApplication recordDepositReceived(long applicationId, Actor staff) {
        MerchantApplication app = lock(applicationId);
        if (app.state() != ApplicationState.CONTRACT_SIGNED || app.depositFen() == 0) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "no_deposit_due",
                    "Only a merchant that has signed and owes a deposit can pay one.");
        }
        store.markDepositReceived(app.id(), clock.instant());
        MerchantApplication active = move(app, ApplicationState.ACTIVE, staff,
                "deposit of " + app.depositFen() + " fen received");
        long depositAccount = customerAccounts.openMerchantDeposit(app.merchantId());
        ledger.createTransfer(TransferRequest.single("deposit:" + app.merchantId(),
                PlatformAccount.bankReserve(properties.bank()).id(), depositAccount, app.depositFen(), Ledger.CNY,
                TransferCode.MERCHANT_DEPOSIT.code(), "merchant:" + app.merchantId())).orThrow();
        return active;
    }

    /** Staff stop an active merchant: no payments, no settlement until resumed. */
    @Transactional
    public MerchantApplication suspend(long applicationId, String reason, Actor staff) {
        return move(lock(applicationId), ApplicationState.SUSPENDED, staff, requireReason(reason));
    }

    @Transactional
    public MerchantApplication resume(long applicationId, String reason, Actor staff) {
        MerchantApplication app = lock(applicationId);
        // The table also leads CONTRACT_SIGNED to ACTIVE, but that way is through the deposit, not a resumption.
        if (app.state() != ApplicationState.SUSPENDED) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "illegal_transition",
                    "Only a suspended merchant can be resumed; this one is " + app.state() + ".");
        }
        return move(app, ApplicationState.ACTIVE, staff, requireReason(reason));
    }

    @Transactional
    public MerchantApplication close(long applicationId, String reason, Actor staff) {
        return move(lock(applicationId), ApplicationState.CLOSED, staff, requireReason(reason));
    }

    private MerchantApplication move(MerchantApplication app, ApplicationState to, Actor actor, String reason) {
        ApplicationState next = app.state().next(to);
        Instant now = clock.instant();
        store.updateState(app.id(), next, now);
        store.insertEvent(app.id(), app.state(), next, actor, reason, now);
        merchants.updateStatus(app.merchantId(), MerchantStatus.of(next));
        return store.find(app.id()).orElseThrow();
    }

    private void assignMchid(long merchantId) {
        for (int i = 0; i < MCHID_ATTEMPTS; i++) {
            // Like WeChat Pay's: ten digits starting with 1. Random, so numbers reveal nothing about
            // how many merchants there are; a collision (with the demo's 1900000001 or any other) is retried.
            String candidate = "1" + String.format("%09d", random.nextInt(1_000_000_000));
            if (merchants.assignMchid(merchantId, candidate)) {
                return;
            }
        }
        throw new IllegalStateException("no free mchid after " + MCHID_ATTEMPTS + " attempts");
    }

    private MerchantApplication lockOfMerchant(long merchantId) {
        MerchantApplication app = store.findByMerchant(merchantId).orElseThrow(() -> new ApiProblemException(
                HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "This merchant has no application."));
        return lock(app.id());
    }

    private MerchantApplication lock(long applicationId) {
        return store.lock(applicationId).orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND,
                ApiProblem.NOT_FOUND, "No such application."));
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 4000) {
            throw new InvalidApplicationException(Map.of("reason", "Say why (1 to 4,000 characters)."));
        }
        return reason.strip();
    }

    private static ApplicationForm strip(ApplicationForm f) {
        return new ApplicationForm(s(f.legalName()), s(f.shortName()), s(f.contactName()), s(f.contactPhone()),
                s(f.contactEmail()), s(f.category()), s(f.licenceNumber()), s(f.legalRepresentative()),
                s(f.siteUrl()), s(f.bankName()), s(f.bankAccountName()), null);
    }

    private static String s(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
