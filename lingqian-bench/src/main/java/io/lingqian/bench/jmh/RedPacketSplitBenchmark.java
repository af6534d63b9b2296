package io.lingqian.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The social context's lucky split ({@code io.lingqian.social.LuckySplit}, the double-mean method
 * with HMAC-SHA256 draws): one share as a member opens it ({@code draw}), and every share of a packet
 * of 100 as anyone recomputes them from the revealed seed ({@code shares}).
 *
 * <p>The class lives in the server module, which is packaged as a Spring Boot jar that other modules
 * cannot compile against; nothing is moved or copied: {@code lingqian-bench/jmh.sh} compiles the
 * server and puts its classes on the class path, and the benchmark calls the real methods through
 * method handles (a constant {@code invokeExact}, which the JIT inlines like a direct call).
 *
 * <p>Run with {@code lingqian-bench/jmh.sh RedPacketSplitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedPacketSplitBenchmark {

    private static final MethodHandle DRAW;
    private static final MethodHandle SHARES;

    static {
        try {
            Class<?> split = Class.forName("io.lingqian.social.LuckySplit");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            DRAW = lookup.findStatic(split, "draw",
                    MethodType.methodType(long.class, byte[].class, int.class, long.class, int.class, long.class));
            SHARES = lookup.findStatic(split, "shares",
                    MethodType.methodType(long[].class, byte[].class, long.class, int.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("io.lingqian.social.LuckySplit is not on the class path: run "
                    + "through lingqian-bench/jmh.sh, which compiles the server (" + e + ")");
        }
    }

    /** 200 yuan in 100 shares, at most 200 yuan each: a large group packet. */
    private static final long TOTAL_FEN = 20_000;
    private static final int SHARES_PER_PACKET = 100;
    private static final long CAP_FEN = 20_000;

    private byte[] seed;
    private int opened;

    @Setup
    public void seed() {
        seed = new byte[32];
        new SecureRandom().nextBytes(seed);
    }

    @Benchmark
    public long drawOneShare() throws Throwable {
        int index = opened++ % SHARES_PER_PACKET;
        return (long) DRAW.invokeExact(seed, index, TOTAL_FEN - index, SHARES_PER_PACKET - index, CAP_FEN);
    }

    @Benchmark
    public long[] splitPacketOf100() throws Throwable {
        return (long[]) SHARES.invokeExact(seed, TOTAL_FEN, SHARES_PER_PACKET, CAP_FEN);
    }
}
