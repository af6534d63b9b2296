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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The RSA cost of a WeChat Pay v3 request: verifying the merchant's SHA256withRSA-2048 signature of
 * {@code METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n} exactly as {@code io.lingqian.api.v3.RequestAuthenticator}
 * does (a fresh {@link Signature}, the message as bytes, the signature base64-decoded; that method is
 * private to the server, so its steps are repeated here), and, as the anchor the issue names, signing
 * such a message (every v3 response and notification needs one).
 *
 * <p>Run with {@code lingqian-bench/jmh.sh SignatureVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureVerifyBenchmark {

    private KeyPair merchant;
    private byte[] message;
    private String signature;

    @Setup
    public void sign() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        merchant = generator.generateKeyPair();
        String body = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"description\":\"Image形象店-深圳腾大-QQ公仔\","
                + "\"out_trade_no\":\"1217752501201407033233368018\",\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\","
                + "\"amount\":{\"total\":100,\"currency\":\"CNY\"}}";
        message = ("POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n" + body + "\n")
                .getBytes(StandardCharsets.UTF_8);
        signature = Base64.getEncoder().encodeToString(signRaw());
        if (!verifyRequest()) {
            throw new IllegalStateException("the benchmark's own signature does not verify");
        }
    }

    @Benchmark
    public boolean verifyRequest() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(merchant.getPublic());
        verifier.update(message);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    @Benchmark
    public byte[] signResponse() throws GeneralSecurityException {
        return signRaw();
    }

    private byte[] signRaw() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(merchant.getPrivate());
        signer.update(message);
        return signer.sign();
    }
}
