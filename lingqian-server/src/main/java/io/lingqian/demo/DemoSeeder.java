package io.lingqian.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.demo.internal.DemoSeedMarker;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantStatus;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.platform.LingqianProperties;
import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.staff.StaffUsers;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/**
 * Seeds the demo environment once per database, in one transaction: the marker row first (so two
 * instances cannot both seed), then the users, then the {@link DemoContributor}s, then the
 * credentials file.
 *
 * <p>The seed runs on a thread of its own once the application is ready, not on the start-up path:
 * it hashes eight passwords with PBKDF2 and makes RSA keys, which took seconds of a first start before
 * the server answered at all. Because it is one transaction, nothing of it is visible until all of it
 * is: until it commits, signing in as a demo user fails as for any unknown user, and the credentials
 * file (written last, inside the transaction) does not exist yet. The start-up banner waits for it.
 */
@Component
class DemoSeeder implements DemoSeeding, DisposableBean {

    static final String CREDENTIALS_FILE = "credentials.txt";
    static final String MERCHANT_EMAIL = "demo@merchant.lingqian.test";
    static final String MCHID = "1900000001";

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    /** No 0/O, 1/l/I: the password is read off a file and typed by hand. */
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 12;
    /** How long closing the application waits for a seed in progress, which then commits or rolls back whole. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final LingqianProperties.Demo settings;
    private final Environment environment;
    private final DemoSeedMarker marker;
    private final StaffUsers staff;
    private final WalletUsers wallets;
    private final MerchantAccounts merchants;
    private final ObjectProvider<DemoContributor> contributors;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Completes when the seed has committed, was not needed, or failed (exceptionally). */
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    DemoSeeder(LingqianProperties properties, Environment environment, DemoSeedMarker marker, StaffUsers staff,
            WalletUsers wallets, MerchantAccounts merchants, ObjectProvider<DemoContributor> contributors,
            TransactionTemplate transaction, Clock clock) {
        this.settings = properties.demo();
        this.environment = environment;
        this.marker = marker;
        this.staff = staff;
        this.wallets = wallets;
        this.merchants = merchants;
        this.contributors = contributors;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Starts the seed in the background if this database still needs one. */
    @EventListener(ApplicationReadyEvent.class)
    void startSeeding() {
        if (!wanted() || marker.present()) {
            finished.complete(null);
            return;
        }
        log.info("Seeding the demo environment in the background; its logins work once it is done");
        Thread seeding = new Thread(() -> {
            try {
                seedIfWanted();
                finished.complete(null);
            } catch (RuntimeException e) {
                // Rolled back whole: the next start tries again.
                log.error("Seeding the demo environment failed; it is tried again on the next start", e);
                finished.completeExceptionally(e);
            }
        }, "demo-seed");
        seeding.setDaemon(true);
        seeding.start();
    }

    /** Seeds now, on the caller's thread, unless not wanted or done already. */
    void seedIfWanted() {
        if (!wanted() || marker.present()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> seed());
        } catch (DuplicateKeyException seededByAnotherInstance) {
            log.info("Demo environment already seeded by another instance");
        }
    }

    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException failedOrNotYet) {
            return false;
        }
    }

    /** Completes when the seed is over, however it ended. */
    CompletionStage<Void> finished() {
        return finished;
    }

    /** A seed in progress gets a moment to commit rather than lose its connections mid-way. */
    @Override
    public void destroy() throws InterruptedException {
        awaitFinished(SHUTDOWN_WAIT);
    }

    /** The credentials file, whether or not it exists. */
    Path credentialsFile() {
        return settings.directory().resolve(CREDENTIALS_FILE).toAbsolutePath().normalize();
    }

    private boolean wanted() {
        return switch (settings.seed()) {
            case TRUE -> true;
            case FALSE -> false;
            // Only the embedded file database is a fresh local install; a server database is seeded
            // only when asked to, so production never gets demo users by accident.
            case AUTO -> environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:file:");
        };
    }

    private void seed() {
        marker.place(clock.instant());
        String password = settings.hasFixedPassword() ? settings.password() : randomPassword();

        Map<String, StaffUser> demoStaff = new LinkedHashMap<>();
        demoStaff.put("admin", staff.create("admin", "Demo Administrator", password, EnumSet.allOf(StaffRole.class)));
        demoStaff.put("sysadmin", staff.create("sysadmin", "Demo Admin-only", password, Set.of(StaffRole.ADMIN)));
        demoStaff.put("risk", staff.create("risk", "Demo Risk Officer", password, Set.of(StaffRole.RISK)));
        demoStaff.put("support", staff.create("support", "Demo Support Agent", password, Set.of(StaffRole.SUPPORT)));
        demoStaff.put("finance", staff.create("finance", "Demo Finance Clerk", password, Set.of(StaffRole.FINANCE)));

        List<WalletUser> demoWallets = List.of(
                wallets.register("13800000001", "Li Lei", password),
                wallets.register("13800000002", "Han Meimei", password));

        Merchant coffee = merchants.open(MCHID, "Lingqian Demo Coffee", MerchantStatus.ACTIVE);
        MerchantUser owner = merchants.addPortalUser(coffee.id(), MERCHANT_EMAIL, "Demo Coffee Owner", password);

        DemoSeed seed = new DemoSeed(password, demoStaff, demoWallets, coffee, owner);
        seed.addSection("Admin console (/admin): username / password", demoStaff.values().stream()
                .map(user -> user.username() + " / " + password + "   roles " + user.roles().stream().sorted().toList())
                .toList());
        seed.addSection("Wallet (/wallet): mobile number / password", demoWallets.stream()
                .map(user -> user.mobile() + " / " + password + "   " + user.displayName())
                .toList());
        seed.addSection("Merchant portal (/merchant): email / password", List.of(
                owner.email() + " / " + password + "   " + coffee.name() + ", mchid " + MCHID));

        contributors.orderedStream().forEach(contributor -> contributor.contribute(seed));
        writeCredentials(seed);
        log.info("Demo environment seeded; credentials written to {}", credentialsFile());
    }

    private void writeCredentials(DemoSeed seed) {
        StringBuilder text = new StringBuilder()
                .append("Lingqian demo credentials, created ").append(clock.instant()).append('\n')
                .append("Keep this file private: it signs anyone in to this installation.\n");
        for (DemoSeed.Section section : seed.sections()) {
            text.append('\n').append(section.title()).append('\n');
            section.lines().forEach(line -> text.append("  ").append(line).append('\n'));
        }
        Path file = credentialsFile();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            // Rolls the seed back: users whose passwords nobody can read are of no use.
            throw new UncheckedIOException("cannot write the demo credentials to " + file, e);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
