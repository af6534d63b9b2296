package io.lingqian.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.credentials.AeadAes256Gcm;
import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.credentials.PlatformKeys;
import io.lingqian.credentials.V3Signature;
import io.lingqian.notification.internal.DeliveryThreads;
import io.lingqian.notification.internal.NotificationStore;
import io.lingqian.notification.internal.WebhookPoster;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications to merchants: recorded with the state change they report, delivered at least once.
 * Every read and the resend take the merchant's id, so a merchant only ever reaches its own.
 *
 * <p>Each attempt encrypts the resource afresh with the merchant's current APIv3 key and a new
 * 12-character nonce, and signs the envelope with a fresh timestamp and nonce (a merchant checking
 * freshness still accepts a late retry); the envelope {@code id} stays the same, so the merchant can
 * recognise a repeat. The platform key is named the way the merchant verifies it
 * ({@link io.lingqian.credentials.PlatformVerification}): by its {@code PUB_KEY_ID_…} by default, by
 * its certificate serial for a merchant on platform certificates (docs/credentials.md).
 *
 * <p>A notification due at once is handed to the {@link DeliveryThreads} when the transaction that
 * recorded it commits (never before: a rolled-back payment sends nothing), so the merchant hears of a
 * payment within one HTTP exchange of it. It is recorded already leased to that hand-off, as the job
 * leases what it claims, so the job does not send it a second time meanwhile; the job retries a
 * failed attempt on the schedule, and after a crash takes a handed-off notification that was never
 * attempted once its lease runs out. Delivery stays at least once: the row is the durable record.
 */
@Service
@EnableConfigurationProperties(NotificationProperties.class)
public class MerchantNotifications {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));
    /** Real WeChat Pay sends this; some merchant firewalls key on it. */
    private static final String USER_AGENT = "Mozilla/4.0";
    /** How long past the timeouts a claimed notification stays leased to the instance trying it. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MerchantNotifications.class);

    private final NotificationStore store;
    private final WebhookPoster poster;
    private final MerchantCredentials credentials;
    private final PlatformKeys platformKeys;
    private final NotificationProperties settings;
    private final TransactionTemplate transaction;
    /** Its own transaction even when called after a commit whose connection is still bound to the thread. */
    private final TransactionTemplate ownTransaction;
    private final DeliveryThreads threads;
    private final JsonMapper json;
    private final ObjectProvider<NotificationFaults> faults;
    private final Clock clock;

    MerchantNotifications(NotificationStore store, WebhookPoster poster, MerchantCredentials credentials,
            PlatformKeys platformKeys, NotificationProperties settings, TransactionTemplate transaction,
            PlatformTransactionManager transactions, DeliveryThreads threads, JsonMapper json,
            ObjectProvider<NotificationFaults> faults, Clock clock) {
        this.faults = faults;
        this.store = store;
        this.poster = poster;
        this.credentials = credentials;
        this.platformKeys = platformKeys;
        this.settings = settings;
        this.transaction = transaction;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.threads = threads;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a notification, due at once, in the caller's transaction: it exists exactly when the
     * state change it reports committed. With {@code deliver-on-commit} it is sent as soon as that
     * transaction commits, on a delivery thread.
     *
     * @param subject      what the merchant will recognise it by in the portal (an out_trade_no)
     * @param resourceJson the plaintext resource, exactly as the query API returns the object
     * @return the notification's row id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(long merchantId, String notifyUrl, NotificationEvent event, String subject,
            String resourceJson) {
        Instant now = clock.instant();
        NotificationFaults injected = faults.getIfAvailable();
        Instant due = injected == null ? now : injected.firstAttemptAt(merchantId, event, now);
        String notificationId = UUID.randomUUID().toString();
        if (!settings.deliverOnCommit() || due.isAfter(now)) {
            return store.insert(notificationId, merchantId, notifyUrl, event, subject, resourceJson, now,
                    due.isBefore(now) ? now : due);
        }
        Instant leaseUntil = leaseFrom(now);
        long id = store.insert(notificationId, merchantId, notifyUrl, event, subject, resourceJson, now, leaseUntil);
        NotificationStore.Due handedOff = new NotificationStore.Due(new Notification(id, notificationId, merchantId,
                notifyUrl, event, subject, NotificationStatus.PENDING, 0, leaseUntil, now, null), resourceJson);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                handOff(handedOff);
            }
        });
        return id;
    }

    /**
     * Sends a just-committed notification on a delivery thread. If none can take it, it stays leased
     * and the job takes it when the lease runs out: marking it due at once would take a second
     * connection while the committed one is still held, which under load is how a pool starves.
     */
    private void handOff(NotificationStore.Due due) {
        boolean taken = threads.offer(() -> {
            try {
                attempt(due);
            } catch (RuntimeException e) {
                // The lease runs out and the job takes it: a failure here delays, never loses, the notification.
                log.warn("Handed-off notification {} failed before its attempt was recorded; the job retries it",
                        due.notification().id(), e);
            }
        });
        if (!taken) {
            log.warn("Notification {} waits for the job: the delivery queue is full", due.notification().id());
        }
    }

    private Instant leaseFrom(Instant now) {
        return now.plus(settings.timeout()).plus(settings.connectTimeout()).plus(LEASE_MARGIN);
    }

    /**
     * One run of the delivery job: claims up to the batch size of due notifications and tries each
     * once, and returns when every attempt is recorded. Merchants are served beside each other on the
     * delivery threads, each merchant's notifications one after another in the order they fell due.
     * The HTTP calls happen outside any database transaction.
     *
     * @return how many were tried
     */
    public int deliverDue() {
        Instant now = clock.instant();
        List<NotificationStore.Due> due = transaction.execute(
                status -> store.claimDue(now, leaseFrom(now), settings.batchSize()));
        Map<Long, List<NotificationStore.Due>> byMerchant = new LinkedHashMap<>();
        due.forEach(d -> byMerchant.computeIfAbsent(d.notification().merchantId(), m -> new ArrayList<>()).add(d));
        threads.runAll(byMerchant.values().stream().<Runnable>map(queue -> () -> queue.forEach(this::attempt))
                .toList());
        return due.size();
    }

    private void attempt(NotificationStore.Due due) {
        NotificationAttempt attempt = send(due);
        if (attempt.delivered()) {
            NotificationFaults injected = faults.getIfAvailable();
            int copies = injected == null ? 0 : injected.duplicatesAfterDelivery(due.notification().merchantId());
            // Each copy is recorded as an attempt of the delivered notification and changes nothing else.
            for (int i = 0; i < copies; i++) {
                send(due);
            }
        }
    }

    /** One attempt: encrypted, signed, posted; the outcome recorded and the notification moved on. */
    private NotificationAttempt send(NotificationStore.Due due) {
        Notification n = due.notification();
        Instant at = clock.instant();
        Optional<String> apiV3Key = credentials.apiV3Key(n.merchantId());
        WebhookPoster.Answer answer;
        if (apiV3Key.isEmpty()) {
            answer = new WebhookPoster.Answer(null, "the merchant has no APIv3 key to encrypt with", null, 0);
        } else {
            String body = envelope(n, due.resource(), apiV3Key.get());
            String keyName = credentials.platformVerification(n.merchantId()).keyName(platformKeys.preferred());
            V3Signature signature = platformKeys.signV3(keyName, at, body.getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", USER_AGENT);
            headers.put(V3Signature.TIMESTAMP_HEADER, signature.timestamp());
            headers.put(V3Signature.NONCE_HEADER, signature.nonce());
            headers.put(V3Signature.SIGNATURE_HEADER, signature.signature());
            headers.put(V3Signature.SERIAL_HEADER, signature.serial());
            headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
            answer = poster.post(n.notifyUrl(), headers, body);
        }
        NotificationAttempt attempt = new NotificationAttempt(at, answer.status(), answer.error(), answer.body(),
                answer.durationMs(), answer.delivered());
        ownTransaction.executeWithoutResult(status -> {
            Notification current = store.lock(n.id()).orElseThrow();
            store.recordAttempt(n.id(), attempt);
            if (current.status() != NotificationStatus.PENDING) {
                return;
            }
            int attempts = current.roundAttempts() + 1;
            if (attempt.delivered()) {
                store.update(n.id(), current.status().to(NotificationStatus.DELIVERED), attempts, null, at);
            } else {
                Optional<Duration> wait = RetrySchedule.after(attempts);
                store.update(n.id(), wait.isPresent() ? NotificationStatus.PENDING
                        : current.status().to(NotificationStatus.GAVE_UP), attempts,
                        wait.map(at::plus).orElse(null), null);
            }
        });
        return attempt;
    }

    /** The §4.1 envelope around the freshly encrypted resource. */
    private String envelope(Notification n, String resource, String apiV3Key) {
        String nonce = AeadAes256Gcm.newNonce();
        NotificationEvent event = n.event();
        Map<String, Object> encrypted = new LinkedHashMap<>();
        encrypted.put("original_type", event.originalType());
        encrypted.put("algorithm", AeadAes256Gcm.ALGORITHM);
        encrypted.put("ciphertext", AeadAes256Gcm.encrypt(apiV3Key, nonce, event.associatedData(), resource));
        encrypted.put("associated_data", event.associatedData());
        encrypted.put("nonce", nonce);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", n.notificationId());
        body.put("create_time", RFC3339.format(n.createdAt()));
        body.put("resource_type", "encrypt-resource");
        body.put("event_type", event.eventType());
        body.put("summary", event.summary());
        body.put("resource", encrypted);
        return json.writeValueAsString(body);
    }

    /**
     * Sends the merchant's notification again as soon as the job runs: a delivered or given-up one
     * starts a new round of the retry schedule; a pending one just stops waiting.
     *
     * @return false when there is no such notification of this merchant
     */
    public boolean resend(long merchantId, long notificationId) {
        return transaction.execute(status -> store.lock(notificationId).filter(n -> n.merchantId() == merchantId)
                .map(n -> {
                    boolean pending = n.status() == NotificationStatus.PENDING;
                    store.update(n.id(), pending ? n.status() : n.status().to(NotificationStatus.PENDING),
                            pending ? n.roundAttempts() : 0, clock.instant(), null);
                    return true;
                }).orElse(false));
    }

    /** The merchant's latest notifications, newest first. */
    public List<Notification> recent(long merchantId, int limit) {
        return store.byMerchant(merchantId, limit);
    }

    /** The attempts of the merchant's notification, oldest first; empty if it is not the merchant's. */
    public List<NotificationAttempt> attempts(long merchantId, long notificationId) {
        return store.byId(notificationId).filter(n -> n.merchantId() == merchantId)
                .map(n -> store.attempts(n.id())).orElse(List.of());
    }
}
