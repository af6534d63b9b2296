package io.lingqian.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * The merchants' notify_url: a local HTTP server in the load generator at {@code /notify/<mchid>}.
 * It decrypts each notification's resource with that merchant's APIv3 key (AES-256-GCM), hands the
 * order's out_trade_no and trade_state on, and answers 204, which is what makes it delivered.
 */
final class NotificationReceiver implements AutoCloseable {

    private final HttpServer server;

    NotificationReceiver(Map<String, String> apiV3KeyByMchid, BiConsumer<String, String> onTransaction)
            throws IOException {
        // Without it the JDK server's answers wait for Nagle and delayed ACK: about 40 ms each.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(2));
        Map<String, String> keys = new ConcurrentHashMap<>(apiV3KeyByMchid);
        server.createContext("/notify/", exchange -> {
            int status = 204;
            try (InputStream in = exchange.getRequestBody()) {
                String mchid = exchange.getRequestURI().getPath().substring("/notify/".length());
                JsonNode resource = Api.JSON.readTree(in.readAllBytes()).get("resource");
                JsonNode transaction = Api.JSON.readTree(decrypt(keys.get(mchid), resource));
                onTransaction.accept(transaction.get("out_trade_no").asString(),
                        transaction.get("trade_state").asString());
            } catch (RuntimeException | GeneralSecurityException e) {
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String mchid) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + mchid;
    }

    private static String decrypt(String apiV3Key, JsonNode resource) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, resource.get("nonce").asString().getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD(resource.get("associated_data").asString().getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(Base64.getDecoder().decode(resource.get("ciphertext").asString())),
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
