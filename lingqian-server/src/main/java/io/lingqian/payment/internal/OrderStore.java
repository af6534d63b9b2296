package io.lingqian.payment.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import io.lingqian.payment.NewOrder;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.TradeState;
import io.lingqian.payment.TradeType;

/** The SQL for {@code payment_order} and {@code payment_order_event}. */
@Repository
public class OrderStore {

    /** The identifiers an order gets at prepay. */
    public record Handles(String transactionId, String prepayId, String codeToken) {
    }

    record Row(long id, long merchantId, String mchid, String appid, String outTradeNo, String transactionId,
                       String prepayId, String codeToken, String tradeType, String tradeState, String description,
                       String attach, String notifyUrl, String goodsTag, long totalFen, String currency,
                       String payerOpenid, String payerClientIp, String deviceId, String requestHash,
                       OffsetDateTime timeExpire, OffsetDateTime createdAt, Long payerUserId, Long payerTotalFen,
                       Long feeFen, OffsetDateTime successTime, OffsetDateTime closedAt, Long fundingCardId,
                       String bankType) {

        Stored toStored() {
            return new Stored(new PaymentOrder(id, merchantId, mchid.strip(), appid, outTradeNo, transactionId.strip(),
                    prepayId, codeToken, TradeType.valueOf(tradeType), TradeState.valueOf(tradeState), description,
                    attach, notifyUrl, goodsTag, totalFen, currency, payerOpenid, payerClientIp, deviceId,
                    instant(timeExpire), instant(createdAt), payerUserId, payerTotalFen, feeFen,
                    instant(successTime), instant(closedAt), fundingCardId, bankType), requestHash.strip());
        }
    }

    /** An order with the digest of the request that created it. */
    public record Stored(PaymentOrder order, String requestHash) {
    }

    static final String SELECT = """
            SELECT id, merchant_id, mchid, appid, out_trade_no, transaction_id, prepay_id, code_token, trade_type,
                   trade_state, description, attach, notify_url, goods_tag, total_fen, currency, payer_openid,
                   payer_client_ip, device_id, request_hash, time_expire, created_at, payer_user_id,
                   payer_total_fen, fee_fen, success_time, closed_at, funding_card_id, bank_type
            FROM payment_order""";

    private final JdbcClient jdbc;

    OrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new NOTPAY order; a taken (merchant, out_trade_no) raises DuplicateKeyException. */
    public long insert(long merchantId, NewOrder o, Handles handles, Instant timeExpire, Instant now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO payment_order (merchant_id, mchid, appid, out_trade_no, transaction_id, prepay_id,
                    code_token, trade_type, trade_state, description, attach, notify_url, goods_tag, total_fen,
                    currency, payer_openid, payer_client_ip, device_id, request_hash, time_expire, created_at)
                VALUES (:merchant, :mchid, :appid, :outTradeNo, :transactionId, :prepayId, :codeToken, :tradeType,
                    'NOTPAY', :description, :attach, :notifyUrl, :goodsTag, :total, :currency, :openid, :ip,
                    :device, :hash, :expire, :now)""")
                .param("merchant", merchantId).param("mchid", o.mchid()).param("appid", o.appid())
                .param("outTradeNo", o.outTradeNo()).param("transactionId", handles.transactionId())
                .param("prepayId", handles.prepayId()).param("codeToken", handles.codeToken())
                .param("tradeType", o.tradeType().name()).param("description", o.description())
                .param("attach", o.attach()).param("notifyUrl", o.notifyUrl()).param("goodsTag", o.goodsTag())
                .param("total", o.totalFen()).param("currency", o.currency()).param("openid", o.payerOpenid())
                .param("ip", o.payerClientIp()).param("device", o.deviceId()).param("hash", o.requestDigest())
                .param("expire", utc(timeExpire)).param("now", utc(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        event(id, null, TradeState.NOTPAY, "prepay", now);
        return id;
    }

    public Optional<Stored> byOutTradeNo(long merchantId, String outTradeNo) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m AND out_trade_no = :o").param("m", merchantId)
                .param("o", outTradeNo).query(Row.class).optional().map(Row::toStored);
    }

    public Optional<PaymentOrder> byTransactionId(long merchantId, String transactionId) {
        return jdbc.sql(SELECT + " WHERE merchant_id = :m AND transaction_id = :t").param("m", merchantId)
                .param("t", transactionId).query(Row.class).optional().map(r -> r.toStored().order());
    }

    public Optional<PaymentOrder> byPayerAndTransactionId(long payerUserId, String transactionId) {
        return jdbc.sql(SELECT + " WHERE payer_user_id = :p AND transaction_id = :t").param("p", payerUserId)
                .param("t", transactionId).query(Row.class).optional().map(r -> r.toStored().order());
    }

    public Optional<PaymentOrder> byPrepayId(String prepayId) {
        return jdbc.sql(SELECT + " WHERE prepay_id = :p").param("p", prepayId).query(Row.class).optional()
                .map(r -> r.toStored().order());
    }

    public Optional<PaymentOrder> byCodeToken(String codeToken) {
        return jdbc.sql(SELECT + " WHERE code_token = :c").param("c", codeToken).query(Row.class).optional()
                .map(r -> r.toStored().order());
    }

    public Optional<PaymentOrder> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Row.class).optional()
                .map(r -> r.toStored().order());
    }

    /** The order under a row lock until the transaction ends. */
    public PaymentOrder lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(Row.class).single()
                .toStored().order();
    }

    /**
     * Up to {@code limit} unpaid orders (NOTPAY, or USERPAYING: a payment code still waiting for the
     * payer) whose time has passed, locked; rows another instance holds are skipped.
     */
    public List<Long> claimExpired(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM payment_order WHERE trade_state IN ('NOTPAY', 'USERPAYING') AND time_expire <= :now
                ORDER BY time_expire, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now)).param("limit", limit).query(Long.class).list();
    }

    public void close(long id, TradeState from, String reason, Instant now) {
        jdbc.sql("UPDATE payment_order SET trade_state = :to, closed_at = :now WHERE id = :id")
                .param("to", from.next(TradeState.CLOSED).name()).param("now", utc(now)).param("id", id).update();
        event(id, from, TradeState.CLOSED, reason, now);
    }

    public void markPaid(long id, TradeState from, long payerUserId, String payerOpenid, long payerTotalFen,
            long feeFen, Long fundingCardId, String bankType, Instant now) {
        jdbc.sql("""
                UPDATE payment_order SET trade_state = :to, payer_user_id = :user, payer_openid = :openid,
                    payer_total_fen = :payerTotal, fee_fen = :fee, funding_card_id = :card, bank_type = :bankType,
                    success_time = :now
                WHERE id = :id""")
                .param("to", from.next(TradeState.SUCCESS).name()).param("user", payerUserId)
                .param("openid", payerOpenid).param("payerTotal", payerTotalFen).param("fee", feeFen)
                .param("card", fundingCardId).param("bankType", bankType)
                .param("now", utc(now)).param("id", id).update();
        event(id, from, TradeState.SUCCESS, "paid by the wallet", now);
    }

    /** The order's first refund: SUCCESS becomes REFUND (转入退款); later refunds leave it there. */
    public void markRefunded(long id, TradeState from, String reason, Instant now) {
        jdbc.sql("UPDATE payment_order SET trade_state = :to WHERE id = :id")
                .param("to", from.next(TradeState.REFUND).name()).param("id", id).update();
        event(id, from, TradeState.REFUND, reason, now);
    }

    /** A payment code was presented: the order now waits for (or is being paid by) that user. */
    public void markUserPaying(long id, TradeState from, long payerUserId, Instant now) {
        markUserPaying(id, from, payerUserId, "payment code presented", now);
    }

    /** The order now waits for (or is being paid by) that user; {@code reason} says why. */
    public void markUserPaying(long id, TradeState from, long payerUserId, String reason, Instant now) {
        jdbc.sql("UPDATE payment_order SET trade_state = :to, payer_user_id = :user WHERE id = :id")
                .param("to", from.next(TradeState.USERPAYING).name()).param("user", payerUserId).param("id", id)
                .update();
        event(id, from, TradeState.USERPAYING, reason, now);
    }

    /** The payment failed for good (PAYERROR); {@code reason} says why. */
    public void markFailed(long id, TradeState from, String reason, Instant now) {
        jdbc.sql("UPDATE payment_order SET trade_state = :to, closed_at = :now WHERE id = :id")
                .param("to", from.next(TradeState.PAYERROR).name()).param("now", utc(now)).param("id", id).update();
        event(id, from, TradeState.PAYERROR, reason, now);
    }

    /** The merchant reversed the order (REVOKED). */
    public void markRevoked(long id, TradeState from, String reason, Instant now) {
        jdbc.sql("UPDATE payment_order SET trade_state = :to, closed_at = :now WHERE id = :id")
                .param("to", from.next(TradeState.REVOKED).name()).param("now", utc(now)).param("id", id).update();
        event(id, from, TradeState.REVOKED, reason, now);
    }

    /** The user's orders in this state, newest first (at most {@code limit}). */
    public List<PaymentOrder> ofPayer(long payerUserId, TradeState state, int limit) {
        return jdbc.sql(SELECT + " WHERE payer_user_id = :u AND trade_state = :s ORDER BY created_at DESC, id DESC"
                        + " LIMIT :limit")
                .param("u", payerUserId).param("s", state.name()).param("limit", limit).query(Row.class).list()
                .stream().map(r -> r.toStored().order()).toList();
    }

    /** payment_order_event.reason is VARCHAR(200). */
    private static final int REASON_WIDTH = 200;

    private void event(long orderId, TradeState from, TradeState to, String reason, Instant at) {
        // A refusal's message can be longer than the column (a frozen wallet's explains how to lift
        // the freeze); the history keeps its start rather than failing the state change it records.
        String kept = reason == null || reason.length() <= REASON_WIDTH ? reason : reason.substring(0, REASON_WIDTH - 1) + "…";
        jdbc.sql("""
                INSERT INTO payment_order_event (order_id, from_state, to_state, reason, at)
                VALUES (:o, :from, :to, :reason, :at)""")
                .param("o", orderId).param("from", from == null ? null : from.name()).param("to", to.name())
                .param("reason", kept).param("at", utc(at)).update();
    }

    /** The state changes of an order, oldest first, as "FROM→TO: reason". */
    public List<String> history(long orderId) {
        return jdbc.sql("""
                SELECT COALESCE(from_state, '') || '→' || to_state || ': ' || reason FROM payment_order_event
                WHERE order_id = :o ORDER BY id""").param("o", orderId).query(String.class).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
