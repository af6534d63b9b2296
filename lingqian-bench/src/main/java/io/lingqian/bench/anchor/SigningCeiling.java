package io.lingqian.bench.anchor;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The signing ceiling: SHA256withRSA signatures per second with a 2048-bit key, one thread per core,
 * over a message the size of a v3 response's signed text (timestamp, nonce, a small JSON body).
 *
 * <pre>java -cp … io.lingqian.bench.anchor.SigningCeiling --seconds 10 --warmup 3</pre>
 * Prints {@code result name=anchor-signing value=… unit=signatures/s threads=…}.
 */
public final class SigningCeiling {

    public static void main(String[] args) throws Exception {
        double seconds = 10;
        double warmup = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] message = ("1764300000\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n"
                + "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abcdefghijklmnopqrstuvwxyz012345\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        int threads = Runtime.getRuntime().availableProcessors();
        LongAdder signed = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    Signature s = Signature.getInstance("SHA256withRSA");
                    while (!stop.get()) {
                        s.initSign(keys.getPrivate());
                        s.update(message);
                        s.sign();
                        if (measuring.get()) {
                            signed.increment();
                        }
                    }
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }, "sign-" + t);
            workers[t].start();
        }
        Thread.sleep((long) (warmup * 1000));
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("result name=anchor-signing value=%.0f unit=signatures/s threads=%d seconds=%.1f%n",
                signed.sum() / elapsed, threads, elapsed);
    }
}
