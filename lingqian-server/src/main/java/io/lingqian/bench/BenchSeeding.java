package io.lingqian.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.accounting.PartnerBank;
import io.lingqian.bank.CardType;
import io.lingqian.bank.TestCard;
import io.lingqian.bill.Bills;
import io.lingqian.credentials.MerchantCertificate;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.merchant.AppKind;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.platform.ApiProblem;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.wallet.MoneyStatus;
import io.lingqian.wallet.PaymentSecurity;
import io.lingqian.wallet.ResidentId;
import io.lingqian.wallet.TopUps;
import io.lingqian.wallet.Verification;
import io.lingqian.wallet.Verifications;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /bench/seed/{payers,merchants,paid-orders}}, answered only to the machine itself and
 * only with {@code lingqian.bench.seeding=true}. Payers and merchants are made through the same
 * public services a person and the onboarding would use; the paid orders of a bill day are inserted
 * with one SQL statement, because a million real payments would take hours on a two-core machine and
 * the trade bill reads only {@code payment_order} (see docs/performance.md, "Bills").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lingqian.bench.seeding", havingValue = "true")
class BenchSeeding {

    /** Seeded users' login password; the benchmark signs them in with it through the wallet API. */
    static final String LOGIN_PASSWORD = "bench horse battery";
    static final String PAYMENT_PASSWORD = "284619";

    /** Its own chain, before the consoles': no session, no CSRF (the caller is a local script). */
    @Bean
    @Order(0)
    SecurityFilterChain benchSeedingChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/bench/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(r -> r.anyRequest().permitAll());
        return http.build();
    }

    record PayersRequest(int count, long balanceFen, long passwordFreeLimitFen) {
    }

    record SeededPayer(long userId, String mobile, String loginPassword, String paymentPassword, String deviceId) {
        @Override
        public String toString() {
            return "SeededPayer[" + userId + "]";
        }
    }

    record MerchantsRequest(int count) {
    }

    record SeededMerchant(long merchantId, String mchid, String appid, String serialNo, String privateKeyPem,
                          String apiV3Key) {
        @Override
        public String toString() {
            return "SeededMerchant[" + mchid + "]";
        }
    }

    /** A day of {@code count} paid Native orders of 1.00 CNY for the merchant, spread over the day. */
    record PaidOrdersRequest(String mchid, LocalDate day, int count) {
    }

    record PaidOrders(int inserted) {
    }

    @RestController
    @RequestMapping("/bench/seed")
    @ConditionalOnProperty(name = "lingqian.bench.seeding", havingValue = "true")
    static class SeedingController {

        private final WalletUsers users;
        private final Verifications verifications;
        private final PaymentSecurity security;
        private final TopUps topUps;
        private final MerchantAccounts merchants;
        private final MerchantApps apps;
        private final MerchantCredentials credentials;
        private final JdbcClient jdbc;

        SeedingController(WalletUsers users, Verifications verifications, PaymentSecurity security, TopUps topUps,
                MerchantAccounts merchants, MerchantApps apps, MerchantCredentials credentials, JdbcClient jdbc) {
            this.users = users;
            this.verifications = verifications;
            this.security = security;
            this.topUps = topUps;
            this.merchants = merchants;
            this.apps = apps;
            this.credentials = credentials;
            this.jdbc = jdbc;
        }

        /** Verified (Class I) wallet users with a payment password, password-free payments on, topped up. */
        @PostMapping("/payers")
        List<SeededPayer> payers(@RequestBody PayersRequest r, HttpServletRequest request) {
            local(request);
            Random random = new Random();
            List<SeededPayer> seeded = new ArrayList<>(r.count());
            for (int i = 0; i < r.count(); i++) {
                String mobile = "1" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
                WalletUser user = users.register(mobile, "Bench " + mobile.substring(7), LOGIN_PASSWORD);
                String device = "bench-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                Verification v = verifications.startBinding(user.id(), device, "Zhang Wei", residentId(),
                        TestCard.ALWAYS_SUCCEEDS.number(PartnerBank.CMB, CardType.DEBIT, random), "13900001111");
                long cardId = verifications.confirm(user.id(), v.id(), v.sandboxSmsCode(), null).card().orElseThrow()
                        .id();
                security.setPassword(user.id(), device, null, PAYMENT_PASSWORD);
                if (r.passwordFreeLimitFen() > 0) {
                    security.passwordFree(user.id(), true, r.passwordFreeLimitFen());
                }
                if (r.balanceFen() > 0 && topUps.topUp(user.id(), cardId, r.balanceFen(), "bench-" + device).status()
                        != MoneyStatus.SUCCEEDED) {
                    throw new IllegalStateException("the simulated bank refused a bench top-up");
                }
                seeded.add(new SeededPayer(user.id(), mobile, LOGIN_PASSWORD, PAYMENT_PASSWORD, device));
            }
            return seeded;
        }

        /** Active merchants with an app, an APIv3 key and a generated API certificate whose private key they get. */
        @PostMapping("/merchants")
        List<SeededMerchant> merchants(@RequestBody MerchantsRequest r, HttpServletRequest request) {
            local(request);
            List<SeededMerchant> seeded = new ArrayList<>(r.count());
            for (int i = 0; i < r.count(); i++) {
                String mchid = "3" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
                Merchant merchant = merchants.open(mchid, "Bench Shop " + mchid, MerchantStatus.ACTIVE);
                String appid = apps.register(merchant.id(), AppKind.OFFICIAL_ACCOUNT, "Bench Shop", List.of()).app()
                        .appid();
                String apiV3Key = MerchantCredentials.suggestApiV3Key();
                credentials.setApiV3Key(merchant.id(), apiV3Key);
                MerchantCertificate certificate = credentials.generate(merchant.id());
                String privateKey = credentials.takePrivateKey(merchant.id(), certificate.id()).orElseThrow();
                seeded.add(new SeededMerchant(merchant.id(), mchid, appid, certificate.serialNo(), privateKey,
                        apiV3Key));
            }
            return seeded;
        }

        /**
         * {@code count} paid orders of the merchant on {@code day} (China Standard Time), inserted by
         * one statement on PostgreSQL. They have no ledger postings: only the trade bill reads them.
         */
        @PostMapping("/paid-orders")
        @Transactional
        PaidOrders paidOrders(@RequestBody PaidOrdersRequest r, HttpServletRequest request) {
            local(request);
            Merchant merchant = merchants.merchantByMchid(r.mchid()).orElseThrow(() -> new ApiProblemException(
                    HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "No such merchant."));
            String appid = apps.appsOf(merchant.id()).get(0).appid();
            Instant start = r.day().atStartOfDay(Bills.CHINA).toInstant();
            double spacingSeconds = 86_400.0 / Math.max(1, r.count());
            int inserted = jdbc.sql("""
                    INSERT INTO payment_order (merchant_id, mchid, appid, out_trade_no, transaction_id, prepay_id,
                        code_token, trade_type, trade_state, description, notify_url, total_fen, currency,
                        payer_openid, request_hash, time_expire, created_at, payer_total_fen, fee_fen, success_time,
                        bank_type)
                    SELECT :merchant, :mchid, :appid, 'bill' || g, 'B' || :mchid || lpad(g::text, 17, '0'),
                        'bench_' || :mchid || '_' || g, 'b' || :mchid || '_' || g, 'NATIVE', 'SUCCESS', 'Bench item',
                        'http://127.0.0.1/notify', 100, 'CNY', 'o_bench_payer', repeat('0', 64),
                        CAST(:start AS TIMESTAMP WITH TIME ZONE) + make_interval(secs => g * :spacing) + interval '2 hours',
                        CAST(:start AS TIMESTAMP WITH TIME ZONE) + make_interval(secs => g * :spacing), 100, 1,
                        CAST(:start AS TIMESTAMP WITH TIME ZONE) + make_interval(secs => g * :spacing), 'OTHERS'
                    FROM generate_series(0, :count - 1) AS g
                    """)
                    .param("merchant", merchant.id()).param("mchid", r.mchid()).param("appid", appid)
                    .param("start", start.atOffset(ZoneOffset.UTC)).param("spacing", spacingSeconds)
                    .param("count", r.count()).update();
            return new PaidOrders(inserted);
        }

        /** The seeding answers the machine itself only, whatever a proxy in front of it lets through. */
        private static void local(HttpServletRequest request) {
            try {
                if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                    throw new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "Not found.");
                }
            } catch (UnknownHostException e) {
                throw new ApiProblemException(HttpStatus.NOT_FOUND, ApiProblem.NOT_FOUND, "Not found.");
            }
        }

        private static String residentId() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(20_000));
            String first = "110105" + birth.toString().replace("-", "") + String.format("%03d", r.nextInt(1000));
            return first + ResidentId.checkCharacter(first);
        }
    }
}
