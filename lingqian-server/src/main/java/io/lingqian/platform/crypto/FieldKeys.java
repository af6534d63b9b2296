package io.lingqian.platform.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.platform.crypto.internal.FieldKeyStore;
import io.lingqian.platform.crypto.internal.SealedColumns;

/**
 * Rotating the field-encryption keys without downtime (docs/credentials.md#rotating-the-field-encryption-keys):
 *
 * <ol>
 *   <li>the new key is added to {@code lingqian.crypto.keys} on every instance (they restart one at a
 *       time; each still seals with the current key and opens with all);</li>
 *   <li>staff {@linkplain #makeCurrent make it current}: new values are sealed with it at once here,
 *       and on the other instances within a minute ({@link #refresh}); old values still open;</li>
 *   <li>{@linkplain #reseal resealing} opens every value sealed with another key and seals it again
 *       with the current one, a small batch per transaction, never overwriting a value a writer
 *       changed meanwhile (the scheduled job does this too);</li>
 *   <li>an old key is {@linkplain #retire retired} once no value needs it: refused, with the counts,
 *       while any does, or while another instance may still be sealing with it. It opens nothing
 *       from then on and can be deleted from the configuration.</li>
 * </ol>
 *
 * The decisions are kept in the database (which key is current, which are retired), never the key
 * material.
 */
@Service
public class FieldKeys implements SmartInitializingSingleton {

    /** How often every instance applies the recorded decisions ({@code FieldKeySchedule}). */
    public static final Duration REFRESH = Duration.ofMinutes(1);
    /** How long a key must have stopped being current before it may be retired: two refreshes. */
    public static final Duration SETTLE = REFRESH.multipliedBy(2);
    /** Rows per resealing transaction. */
    public static final int BATCH_SIZE = 100;

    private static final Logger log = LoggerFactory.getLogger(FieldKeys.class);
    private static final String CURRENT = "CURRENT";
    private static final String PREVIOUS = "PREVIOUS";
    private static final String RETIRED = "RETIRED";

    /** A key's part in sealing: seals new values, only opens old ones, or is retired. */
    public enum KeyStatus { CURRENT, ACTIVE, RETIRED }

    /**
     * One key: its status, whether this instance has its material, how many values it sealed, and
     * when staff last changed it (null if never).
     */
    public record KeyUse(String keyId, KeyStatus status, boolean configured, long sealedValues, Instant changedAt,
                         String changedBy) {
    }

    /** One sealed column: how many values it holds under each key ({@code other}: under no configured key). */
    public record ColumnUse(String column, long values, Map<String, Long> byKey) {
    }

    /** The keys and where they are used. */
    public record Overview(String currentKeyId, List<KeyUse> keys, List<ColumnUse> columns) {
    }

    /**
     * What one resealing pass did: transactions, values sealed again, values that would not open
     * (altered, or sealed with a key this instance lacks; left as they are), and values still not
     * under the current key afterwards.
     */
    public record ResealReport(int batches, long resealed, long unreadable, long left) {
    }

    private final FieldCipher cipher;
    private final FieldKeyStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FieldKeys(FieldCipher cipher, FieldKeyStore store, TransactionTemplate transaction, Clock clock) {
        this.cipher = cipher;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        refresh();
    }

    /**
     * Applies the recorded decisions to this instance's cipher. A recorded current key this
     * instance has no material for is not applied (it keeps sealing with its own; nothing is lost,
     * because a key is only retired when no value needs it), and is logged.
     */
    public synchronized void refresh() {
        for (FieldKeyStore.KeyState state : store.states()) {
            boolean configured = cipher.keyIds().contains(state.keyId());
            if (state.status().equals(CURRENT) && !state.keyId().equals(cipher.currentKeyId())) {
                if (configured) {
                    cipher.makeCurrent(state.keyId());
                    log.info("Field encryption: key {} is current (made so by {})", state.keyId(), state.changedBy());
                } else {
                    log.error("Field encryption: key {} was made current by {}, but this instance has no such key in "
                            + "lingqian.crypto.keys; it keeps sealing with {}", state.keyId(), state.changedBy(),
                            cipher.currentKeyId());
                }
            } else if (state.status().equals(RETIRED) && configured && !state.keyId().equals(cipher.currentKeyId())) {
                cipher.retire(state.keyId());
                log.info("Field encryption: key {} is retired; it can be removed from lingqian.crypto.keys", state.keyId());
            }
        }
    }

    public Overview overview() {
        Map<String, FieldKeyStore.KeyState> states = states();
        TreeSet<String> ids = new TreeSet<>(cipher.keyIds());
        ids.addAll(states.keySet());
        List<ColumnUse> columns = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (SealedColumns.Column column : SealedColumns.ALL) {
            long values = store.countValues(column);
            Map<String, Long> byKey = new LinkedHashMap<>();
            long known = 0;
            for (String id : ids) {
                long n = values == 0 ? 0 : store.countSealedWith(column, id);
                known += n;
                if (n > 0) {
                    byKey.put(id, n);
                }
                totals.merge(id, n, Long::sum);
            }
            if (values > known) {
                byKey.put("other", values - known);
            }
            columns.add(new ColumnUse(column.name(), values, byKey));
        }
        List<KeyUse> keys = new ArrayList<>();
        for (String id : ids) {
            Optional<FieldKeyStore.KeyState> state = Optional.ofNullable(states.get(id));
            KeyStatus status = id.equals(cipher.currentKeyId()) ? KeyStatus.CURRENT
                    : state.filter(s -> s.status().equals(RETIRED)).isPresent() ? KeyStatus.RETIRED : KeyStatus.ACTIVE;
            keys.add(new KeyUse(id, status, cipher.keyIds().contains(id), totals.getOrDefault(id, 0L),
                    state.map(FieldKeyStore.KeyState::changedAt).orElse(null),
                    state.map(FieldKeyStore.KeyState::changedBy).orElse(null)));
        }
        return new Overview(cipher.currentKeyId(), keys, columns);
    }

    /**
     * Seals new values with the key from now on (on other instances within {@link #REFRESH}).
     *
     * @throws ApiProblemException 400 {@code unknown_key} when this instance has no such key
     */
    public synchronized void makeCurrent(String keyId, String by) {
        if (keyId == null || !cipher.keyIds().contains(keyId)) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "unknown_key", "No key " + keyId
                    + " is configured here (lingqian.crypto.keys), or it is retired. Add it to every instance first.");
        }
        String previous = cipher.currentKeyId();
        if (previous.equals(keyId)) {
            return;
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(tx -> {
            store.record(previous, PREVIOUS, now, by);
            store.record(keyId, CURRENT, now, by);
        });
        cipher.makeCurrent(keyId);
        log.info("Field encryption: key {} made current by {} (was {})", keyId, by, previous);
    }

    /**
     * Seals values under other keys again with the current key, {@link #BATCH_SIZE} rows per
     * transaction, at most {@code maxBatches} transactions.
     */
    public ResealReport reseal(int maxBatches) {
        String current = cipher.currentKeyId();
        int batches = 0;
        long resealed = 0;
        long unreadable = 0;
        for (SealedColumns.Column column : SealedColumns.ALL) {
            Object after = null;
            while (batches < maxBatches) {
                List<FieldKeyStore.SealedValue> values = store.notSealedWith(column, current, after, BATCH_SIZE);
                if (values.isEmpty()) {
                    break;
                }
                batches++;
                long[] done = transaction.execute(tx -> resealBatch(column, values));
                resealed += done[0];
                unreadable += done[1];
                after = values.get(values.size() - 1).primaryKey();
            }
        }
        long left = 0;
        for (SealedColumns.Column column : SealedColumns.ALL) {
            left += store.countValues(column) - store.countSealedWith(column, current);
        }
        if (resealed > 0 || unreadable > 0) {
            log.info("Field encryption: resealed {} values under key {} in {} batches; {} would not open; {} left",
                    resealed, current, batches, unreadable, left);
        }
        return new ResealReport(batches, resealed, unreadable, left);
    }

    private long[] resealBatch(SealedColumns.Column column, List<FieldKeyStore.SealedValue> values) {
        long resealed = 0;
        long unreadable = 0;
        for (FieldKeyStore.SealedValue value : values) {
            String replacement;
            try {
                replacement = cipher.reseal(value.sealed(), column.purpose());
            } catch (IllegalArgumentException doesNotOpen) {
                unreadable++;
                continue;
            }
            if (store.replace(column, value.primaryKey(), value.sealed(), replacement)) {
                resealed++;
            }
        }
        return new long[] {resealed, unreadable};
    }

    /**
     * Retires a key no value needs any more; returns the overview after.
     *
     * @throws ApiProblemException 409 {@code key_is_current}, {@code key_in_use} (the counts per
     *                             column in the detail) or {@code key_recently_current}; 400 {@code unknown_key}
     */
    public synchronized Overview retire(String keyId, String by) {
        if (keyId == null || !cipher.keyIds().contains(keyId)) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "unknown_key", "No key " + keyId
                    + " is configured here, or it is retired already.");
        }
        if (keyId.equals(cipher.currentKeyId())) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "key_is_current",
                    "Key " + keyId + " seals new values; make another key current first.");
        }
        FieldKeyStore.KeyState state = states().get(keyId);
        Instant now = clock.instant();
        if (state != null && state.status().equals(PREVIOUS) && state.changedAt().plus(SETTLE).isAfter(now)) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "key_recently_current", "Key " + keyId
                    + " was current until " + state.changedAt() + "; other instances may still seal with it until "
                    + state.changedAt().plus(SETTLE) + ". Reseal, then retire it after that.");
        }
        Map<String, Long> inUse = new LinkedHashMap<>();
        for (SealedColumns.Column column : SealedColumns.ALL) {
            long n = store.countSealedWith(column, keyId);
            if (n > 0) {
                inUse.put(column.name(), n);
            }
        }
        if (!inUse.isEmpty()) {
            long total = inUse.values().stream().mapToLong(Long::longValue).sum();
            throw new ApiProblemException(HttpStatus.CONFLICT, "key_in_use", total + " values are still sealed with key "
                    + keyId + " " + inUse + "; reseal them first.");
        }
        transaction.executeWithoutResult(tx -> store.record(keyId, RETIRED, now, by));
        cipher.retire(keyId);
        log.info("Field encryption: key {} retired by {}", keyId, by);
        return overview();
    }

    private Map<String, FieldKeyStore.KeyState> states() {
        Map<String, FieldKeyStore.KeyState> states = new LinkedHashMap<>();
        store.states().forEach(s -> states.put(s.keyId(), s));
        return states;
    }
}
