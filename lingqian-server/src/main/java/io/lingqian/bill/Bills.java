package io.lingqian.bill;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.bill.BillRefusal.Reason;
import io.lingqian.bill.internal.BillContent;
import io.lingqian.bill.internal.BillStore;
import io.lingqian.bill.internal.FundFlowBill;
import io.lingqian.bill.internal.StoredFileOutput;
import io.lingqian.bill.internal.TradeBill;

/**
 * A merchant's bills: made once per (merchant, day, kind), kept, and served as the same bytes every
 * time. Every method takes the merchant's id, so a merchant only ever reaches its own bills.
 *
 * <p>Generating streams the rows from a database cursor through a SHA-1 digest and a deflater into
 * stored chunks, in one transaction: memory stays constant however long the day, and two instances asked for the
 * same bill at once make it once (the second waits on the first's row and then reads it).
 */
@Service
@EnableConfigurationProperties(BillProperties.class)
public class Bills {

    /** Bill days are China Standard Time days, as WeChat's. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** WeChat keeps bills for three months. */
    public static final int MONTHS_KEPT = 3;

    private final BillStore store;
    private final BillContent content;
    private final TradeBill tradeBill;
    private final FundFlowBill fundFlowBill;
    private final BillProperties settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Bills(BillStore store, BillContent content, TradeBill tradeBill, FundFlowBill fundFlowBill, BillProperties settings,
            TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.content = content;
        this.tradeBill = tradeBill;
        this.fundFlowBill = fundFlowBill;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * The merchant's bill of the day, generated now if it was not before.
     *
     * @throws BillRefusal {@code DATE_OUT_OF_RANGE} for a future day or one older than three months,
     *         {@code STATEMENT_CREATING} for today, {@code NO_STATEMENT_EXIST} for a day without records
     */
    public BillFile prepare(long merchantId, LocalDate day, BillKind kind) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
        if (day.isAfter(today)) {
            throw new BillRefusal(Reason.DATE_OUT_OF_RANGE, "bill_date " + day + " is in the future");
        }
        if (day.equals(today)) {
            throw new BillRefusal(Reason.STATEMENT_CREATING,
                    "the bill of " + day + " is made once the day is over (00:00 China Standard Time)");
        }
        if (day.isBefore(today.minusMonths(MONTHS_KEPT))) {
            throw new BillRefusal(Reason.DATE_OUT_OF_RANGE, "bills are kept for " + MONTHS_KEPT
                    + " months; bill_date " + day + " is older");
        }
        Optional<BillFile> stored = store.find(merchantId, day, kind);
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            return transaction.execute(status -> generate(merchantId, day, kind));
        } catch (DuplicateKeyException madeByAnother) {
            return store.find(merchantId, day, kind).orElseThrow(() -> madeByAnother);
        }
    }

    /**
     * Prepares the bill and a download link for it, valid for {@code lingqian.bill.download-validity}.
     *
     * @throws BillRefusal as {@link #prepare}
     */
    public BillDownload apply(long merchantId, LocalDate day, BillKind kind, boolean gzip) {
        return apply(merchantId, merchantId, day, kind, gzip);
    }

    /**
     * {@link #apply} of another merchant's bill: a service provider's download of one sub-merchant's
     * (the caller checked the binding). The link is the downloader's only.
     *
     * @throws BillRefusal as {@link #prepare}
     */
    public BillDownload apply(long downloaderId, long merchantId, LocalDate day, BillKind kind, boolean gzip) {
        BillFile file = prepare(merchantId, day, kind);
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.downloadValidity());
        transaction.executeWithoutResult(status -> {
            store.deleteExpiredDownloads(downloaderId, now);
            store.insertDownload(token, file.id(), downloaderId, gzip, expiresAt);
        });
        return new BillDownload(token, file, gzip, expiresAt);
    }

    /** The merchant's live download link; empty for an unknown, expired or other merchant's token. */
    public Optional<BillDownload> download(long merchantId, String token) {
        return store.download(merchantId, token, clock.instant());
    }

    /**
     * Writes the file's bytes, one stored chunk at a time; each chunk is its own short read, so a slow
     * client holds no database connection or transaction while it reads.
     */
    public void copy(BillFile file, OutputStream out) throws IOException {
        content.plain(file, out);
    }

    /** Writes the file gzip-compressed (tar_type=GZIP): un-gzipped, the bytes of {@link #copy}. */
    public void copyGzip(BillFile file, OutputStream out) throws IOException {
        content.gzip(file, out);
    }

    private BillFile generate(long merchantId, LocalDate day, BillKind kind) {
        Instant from = day.atStartOfDay(CHINA).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CHINA).toInstant();
        long fileId = store.insertFile(merchantId, day, kind, clock.instant());
        StoredFileOutput out = new StoredFileOutput(store, fileId);
        long records;
        try {
            records = kind.isTradeBill() ? tradeBill.write(merchantId, kind, from, to, out)
                    : fundFlowBill.write(merchantId, from, to, out);
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
        if (records == 0) {
            out.discard();
            // Thrown inside the transaction: the claimed row and any chunk roll back.
            throw new BillRefusal(Reason.NO_STATEMENT_EXIST, "no " + (kind.isTradeBill() ? "transactions" : "fund flows")
                    + " on " + day + " for this bill");
        }
        out.close();
        String hash = out.sha1Hex();
        store.complete(fileId, hash, out.size(), records, out.chunks(), out.crc32());
        return new BillFile(fileId, merchantId, day, kind, hash, out.size(), records, out.chunks(), true, out.crc32());
    }
}
