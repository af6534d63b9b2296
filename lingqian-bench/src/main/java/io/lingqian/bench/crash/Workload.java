package io.lingqian.bench.crash;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import tools.jackson.databind.node.ObjectNode;

/**
 * The mixed load and what it was told: merchant payments (a v3 Native order, scanned and paid from
 * the payer's balance) with partial refunds, transfers the receiver accepts or leaves to expire, and
 * one-to-one red packets the receiver opens or leaves to expire. Every request carries its
 * idempotency key (out_trade_no, out_refund_no, clientRequestId) and is sent until answered.
 */
final class Workload {

    static final String PAYMENT_PASSWORD = "284619";

    /** A payer, a receiver: a signed-in wallet user. */
    record Wallet(long userId, String token, String deviceId) {
    }

    /** A v3 order and, when one was asked for, its refund; fields are what the server acknowledged. */
    static final class Order {
        final String outTradeNo;
        final long amountFen;
        volatile boolean paid;
        volatile String refundNo;
        volatile long refundFen;
        volatile boolean refundAcknowledged;

        Order(String outTradeNo, long amountFen) {
            this.outTradeNo = outTradeNo;
            this.amountFen = amountFen;
        }
    }

    /** A transfer or red packet the server acknowledged as sent, and whether its receiver took it. */
    static final class Sent {
        final String clientRequestId;
        final long id;
        final long amountFen;
        volatile boolean taken;

        Sent(String clientRequestId, long id, long amountFen) {
            this.clientRequestId = clientRequestId;
            this.id = id;
            this.amountFen = amountFen;
        }
    }

    final List<Order> orders = new CopyOnWriteArrayList<>();
    final List<Sent> transfers = new CopyOnWriteArrayList<>();
    final List<Sent> packets = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    final AtomicLong answeredOnRetry = new AtomicLong();

    private final String baseUrl;
    private final RetryingClient client;
    private final MerchantApi merchant;
    private final String appid;
    private final String notifyUrl;
    private final Wallet payer;
    private final Wallet receiver;
    private final Violations violations;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();

    Workload(String baseUrl, RetryingClient client, MerchantApi merchant, String appid, String notifyUrl,
             Wallet payer, Wallet receiver, Violations violations, String runId) {
        this.baseUrl = baseUrl;
        this.client = client;
        this.merchant = merchant;
        this.appid = appid;
        this.notifyUrl = notifyUrl;
        this.payer = payer;
        this.receiver = receiver;
        this.violations = violations;
        this.runId = runId;
    }

    /** One operation of the mix, chosen by the worker's own generator. */
    void step(Random random) {
        long n = sequence.incrementAndGet();
        int pick = random.nextInt(10);
        if (pick < 4) {
            payment(random, n);
        } else if (pick < 7) {
            transfer(random, n);
        } else {
            redPacket(random, n);
        }
    }

    private void payment(Random random, long n) {
        Order order = new Order("crash" + runId + "o" + n, 1 + random.nextInt(200));
        orders.add(order);
        ObjectNode body = RetryingClient.JSON.createObjectNode()
                .put("appid", appid).put("mchid", merchant.mchid())
                .put("description", "crash test " + order.outTradeNo).put("out_trade_no", order.outTradeNo)
                .put("notify_url", notifyUrl);
        body.putObject("amount").put("total", order.amountFen).put("currency", "CNY");
        String prepayBody = body.toString();
        RetryingClient.Answer prepay = client.send("prepay " + order.outTradeNo,
                () -> merchant.request("POST", "/v3/pay/transactions/native", prepayBody));
        if (!prepay.ok()) {
            violations.add("refused", "prepay " + order.outTradeNo + " answered " + prepay.status() + " " + prepay.body());
            return;
        }
        String codeUrl = prepay.json().path("code_url").asString();
        RetryingClient.Answer scan = client.send("scan " + order.outTradeNo, () -> wallet(payer, "POST",
                "/api/wallet/cashier/scan", RetryingClient.JSON.createObjectNode().put("codeUrl", codeUrl).toString()));
        if (!scan.ok()) {
            violations.add("refused", "scan " + order.outTradeNo + " answered " + scan.status() + " " + scan.body());
            return;
        }
        String prepayId = scan.json().path("prepayId").asString();
        String payBody = RetryingClient.JSON.createObjectNode().put("paymentPassword", PAYMENT_PASSWORD)
                .put("couponId", "none").toString();
        RetryingClient.Answer pay = sendCounting("pay " + order.outTradeNo,
                () -> wallet(payer, "POST", "/api/wallet/cashier/orders/" + prepayId + "/pay", payBody), "order_paid");
        if (pay.ok() || pay.code().equals("order_paid")) {
            order.paid = true;
        } else {
            refused("pay", pay);
            return;
        }
        if (random.nextBoolean()) {
            order.refundNo = order.outTradeNo + "r";
            order.refundFen = 1 + random.nextInt((int) order.amountFen);
            ObjectNode refund = RetryingClient.JSON.createObjectNode().put("out_trade_no", order.outTradeNo)
                    .put("out_refund_no", order.refundNo).put("notify_url", notifyUrl);
            refund.putObject("amount").put("refund", order.refundFen).put("total", order.amountFen).put("currency", "CNY");
            String refundBody = refund.toString();
            RetryingClient.Answer answer = client.send("refund " + order.refundNo,
                    () -> merchant.request("POST", "/v3/refund/domestic/refunds", refundBody));
            if (answer.ok()) {
                order.refundAcknowledged = true;
            } else {
                refused("refund", answer);
            }
        }
    }

    private void transfer(Random random, long n) {
        String key = "crash-" + runId + "-t" + n;
        long amount = 1 + random.nextInt(200);
        String body = RetryingClient.JSON.createObjectNode().put("receiverId", receiver.userId()).put("amountFen", amount)
                .put("arrival", "REAL_TIME").put("note", "crash test").put("clientRequestId", key)
                .put("paymentPassword", PAYMENT_PASSWORD).toString();
        RetryingClient.Answer sent = client.send("transfer " + key, () -> wallet(payer, "POST", "/api/wallet/transfers", body));
        if (!sent.ok()) {
            refused("transfer", sent);
            return;
        }
        Sent transfer = new Sent(key, sent.json().path("id").asLong(), amount);
        transfers.add(transfer);
        if (random.nextBoolean()) {
            RetryingClient.Answer accept = sendCounting("accept " + key, () -> wallet(receiver, "POST",
                    "/api/wallet/transfers/" + transfer.id + "/accept", "{}"), "transfer_accepted");
            if (accept.ok() || accept.code().equals("transfer_accepted")) {
                transfer.taken = true;
            } else {
                violations.add("refused", "accept " + key + " answered " + accept.status() + " " + accept.body());
            }
        }
    }

    private void redPacket(Random random, long n) {
        String key = "crash-" + runId + "-p" + n;
        long amount = 1 + random.nextInt(200);
        String body = RetryingClient.JSON.createObjectNode().put("kind", "ONE_TO_ONE").put("receiverId", receiver.userId())
                .put("amountFen", amount).put("greeting", "crash test").put("clientRequestId", key)
                .put("paymentPassword", PAYMENT_PASSWORD).toString();
        RetryingClient.Answer sent = client.send("red packet " + key, () -> wallet(payer, "POST", "/api/wallet/red-packets", body));
        if (!sent.ok()) {
            refused("red packet", sent);
            return;
        }
        Sent packet = new Sent(key, sent.json().path("id").asLong(), amount);
        packets.add(packet);
        if (random.nextBoolean()) {
            RetryingClient.Answer open = sendCounting("open " + key, () -> wallet(receiver, "POST",
                    "/api/wallet/red-packets/" + packet.id + "/open", "{}"), "already_opened");
            if (open.ok() || open.code().equals("already_opened")) {
                packet.taken = true;
            } else {
                violations.add("refused", "open " + key + " answered " + open.status() + " " + open.body());
            }
        }
    }

    /**
     * A request whose retry, when the first attempt got in before the crash, is refused with
     * {@code alreadyDone} ("paid already", "accepted already"): that answer acknowledges the first.
     */
    private RetryingClient.Answer sendCounting(String what, Supplier<HttpRequest> request, String alreadyDone) {
        RetryingClient.Answer answer = client.send(what, request);
        if (answer.code().equals(alreadyDone)) {
            answeredOnRetry.incrementAndGet();
        }
        return answer;
    }

    private void refused(String what, RetryingClient.Answer answer) {
        refusals.computeIfAbsent(what + " " + answer.status() + " " + answer.code(), k -> new AtomicLong()).incrementAndGet();
    }

    HttpRequest wallet(Wallet who, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + who.token()).header("Accept", "application/json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}
