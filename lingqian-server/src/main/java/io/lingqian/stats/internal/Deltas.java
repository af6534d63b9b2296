package io.lingqian.stats.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.lingqian.stats.Scene;

/** What one fold adds to the summary tables, accumulated in memory and written once per key. */
public final class Deltas {

    public record SceneKey(LocalDate day, Scene scene, String category, long merchantId) {
    }

    public record FlowKey(LocalDate day, String flow, String party) {
    }

    public record UserDay(LocalDate day, long userId) {
    }

    public record CustomerKey(long merchantId, LocalDate day, long userId) {
    }

    /** count, amount, fee, refund count, refund amount, coupon amount. */
    final Map<SceneKey, long[]> scenes = new LinkedHashMap<>();
    /** count, amount. */
    final Map<FlowKey, long[]> flows = new LinkedHashMap<>();
    final Set<UserDay> active = new LinkedHashSet<>();
    /** sent, opened, sent fen, opened fen. */
    final Map<Instant, long[]> redPackets = new LinkedHashMap<>();
    /** payments, amount. */
    final Map<CustomerKey, long[]> customers = new LinkedHashMap<>();

    void scene(SceneKey key, long count, long fen, long fee, long refundCount, long refundFen) {
        scene(key, count, fen, fee, refundCount, refundFen, 0);
    }

    void scene(SceneKey key, long count, long fen, long fee, long refundCount, long refundFen, long couponFen) {
        long[] v = scenes.computeIfAbsent(key, k -> new long[6]);
        v[0] += count;
        v[1] += fen;
        v[2] += fee;
        v[3] += refundCount;
        v[4] += refundFen;
        v[5] += couponFen;
    }

    void flow(FlowKey key, long count, long fen) {
        long[] v = flows.computeIfAbsent(key, k -> new long[2]);
        v[0] += count;
        v[1] += fen;
    }

    void redPacket(Instant second, long sent, long opened, long sentFen, long openedFen) {
        long[] v = redPackets.computeIfAbsent(second, k -> new long[4]);
        v[0] += sent;
        v[1] += opened;
        v[2] += sentFen;
        v[3] += openedFen;
    }

    void customer(CustomerKey key, long payments, long fen) {
        long[] v = customers.computeIfAbsent(key, k -> new long[2]);
        v[0] += payments;
        v[1] += fen;
    }
}
