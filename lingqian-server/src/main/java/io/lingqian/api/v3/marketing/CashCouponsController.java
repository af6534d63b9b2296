package io.lingqian.api.v3.marketing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.lingqian.api.v3.MerchantApiCaller;
import io.lingqian.api.v3.V3Error;
import io.lingqian.api.v3.pay.JsonFields;
import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponCallbacks;
import io.lingqian.marketing.CouponStatus;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.CouponStocks;
import io.lingqian.marketing.Coupons;
import io.lingqian.marketing.MarketingRefusal;
import io.lingqian.marketing.NewStock;
import io.lingqian.marketing.StockFunding;
import io.lingqian.marketing.StockStatus;
import io.lingqian.merchant.MerchantApps;
import io.lingqian.merchant.OpenIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoints the official SDK's {@code CashCouponsService} calls (reference §6.1), for the signing
 * merchant's own stocks: create (idempotent on {@code out_request_no}), start, pause, restart, stop,
 * query and list stocks; send a coupon to a user by openid (idempotent on {@code out_request_no});
 * query one coupon or a user's coupons; set and query the COUPON.USE address. Another merchant's stock
 * is {@code 404 RESOURCE_NOT_EXISTS}; an openid never issued for the appid {@code 400 INVALID_REQUEST}.
 */
@RestController
@RequestMapping("/v3/marketing/favor")
class CashCouponsController {

    private static final Pattern OUT_REQUEST_NO = Pattern.compile("[0-9A-Za-z_\\-]{1,128}");
    private static final Pattern STOCK_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern MCHID = Pattern.compile("\\d{8,10}");

    private final CouponStocks stocks;
    private final Coupons coupons;
    private final CouponCallbacks callbacks;
    private final OpenIds openIds;
    private final MerchantApps apps;
    private final JsonMapper json;
    private final Clock clock;

    CashCouponsController(CouponStocks stocks, Coupons coupons, CouponCallbacks callbacks, OpenIds openIds,
            MerchantApps apps, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.stocks = stocks;
        this.coupons = coupons;
        this.callbacks = callbacks;
        this.openIds = openIds;
        this.apps = apps;
        this.json = json;
    }

    @PostMapping("/coupon-stocks")
    Map<String, String> create(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        JsonFields fields = JsonFields.parse(body, json);
        JsonFields.Obj root = fields.root();
        String name = root.requiredString("stock_name", 9);
        String comment = root.optionalString("comment", 20);
        caller.requireMchid(root.requiredString("belong_merchant", 32));
        Instant begin = time(root.requiredString("available_begin_time", 32), "available_begin_time");
        Instant end = time(root.requiredString("available_end_time", 32), "available_end_time");
        JsonFields.Obj useRule = root.object("stock_use_rule", true);
        int maxCoupons = useRule.integer("max_coupons", true, 1);
        int maxAmount = useRule.integer("max_amount", true, 1);
        int maxAmountByDay = useRule.integer("max_amount_by_day", true, 1);
        int perUser = useRule.integer("max_coupons_per_user", true, 1);
        useRule.bool("natural_person_limit", true);
        useRule.bool("prevent_api_abuse", true);
        JsonFields.Obj couponRule = root.object("coupon_use_rule", true);
        JsonFields.Obj fixed = couponRule.object("fixed_normal_coupon", true);
        int amount = fixed.integer("coupon_amount", true, 1);
        int minimum = fixed.integer("transaction_minimum", true, 0);
        List<String> goodsTags = couponRule.strings("goods_tag");
        List<String> merchants = couponRule.strings("available_merchants");
        Boolean combine = couponRule.bool("combine_use", false);
        boolean noCash = root.bool("no_cash", true);
        String stockType = root.requiredString("stock_type", 16);
        if (!stockType.equals("NORMAL")) {
            throw V3Error.paramError("stock_type must be NORMAL");
        }
        String outRequestNo = root.matching("out_request_no", OUT_REQUEST_NO, "1 to 128 letters, digits, _ or -", true);
        NewStock stock = new NewStock(name, comment, noCash ? StockFunding.MERCHANT : StockFunding.SPONSOR, amount,
                minimum, maxCoupons, maxAmount, maxAmountByDay, perUser, begin, end, goodsTags, merchants,
                Boolean.TRUE.equals(combine));
        CouponStock created = refusals(() -> stocks.create(creator(caller), stock, outRequestNo,
                fields.digest("stock")));
        return Map.of("stock_id", created.stockId(), "create_time", FavorViews.time(created.createdAt()));
    }

    @PostMapping("/stocks/{stockId}/start")
    Map<String, String> start(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String stockId,
            @RequestBody(required = false) byte[] body) {
        CouponStock s = refusals(() -> stocks.start(creatorOf(caller, body), stockId(stockId)));
        return Map.of("stock_id", s.stockId(), "start_time", FavorViews.time(s.startedAt()));
    }

    @PostMapping("/stocks/{stockId}/pause")
    Map<String, String> pause(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String stockId,
            @RequestBody(required = false) byte[] body) {
        CouponStock s = refusals(() -> stocks.pause(creatorOf(caller, body), stockId(stockId)));
        return Map.of("stock_id", s.stockId(), "pause_time", FavorViews.time(clock.instant()));
    }

    @PostMapping("/stocks/{stockId}/restart")
    Map<String, String> restart(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String stockId,
            @RequestBody(required = false) byte[] body) {
        CouponStock s = refusals(() -> stocks.restart(creatorOf(caller, body), stockId(stockId)));
        return Map.of("stock_id", s.stockId(), "restart_time", FavorViews.time(clock.instant()));
    }

    @PostMapping("/stocks/{stockId}/stop")
    Map<String, String> stop(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String stockId,
            @RequestBody(required = false) byte[] body) {
        CouponStock s = refusals(() -> stocks.stop(creatorOf(caller, body), stockId(stockId)));
        return Map.of("stock_id", s.stockId(), "stop_time", FavorViews.time(s.stoppedAt()));
    }

    @GetMapping("/stocks/{stockId}")
    FavorViews.Stock stock(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String stockId,
            @RequestParam("stock_creator_mchid") String creatorMchid) {
        caller.requireMchid(creatorMchid);
        return FavorViews.Stock.of(refusals(() -> stocks.stock(creator(caller), stockId(stockId))));
    }

    @GetMapping("/stocks")
    FavorViews.Page<FavorViews.Stock> list(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestParam("stock_creator_mchid") String creatorMchid, @RequestParam int offset,
            @RequestParam int limit, @RequestParam(required = false) String status) {
        caller.requireMchid(creatorMchid);
        page(offset, limit, 10);
        StockStatus filter = status == null ? null : switch (status) {
            case "unactivated" -> StockStatus.CREATED;
            case "running" -> StockStatus.ACTIVE;
            case "paused" -> StockStatus.PAUSED;
            case "stoped" -> StockStatus.STOPPED;
            default -> throw V3Error.paramError("status must be unactivated, running, paused or stoped");
        };
        CouponStocks.Creator me = creator(caller);
        return new FavorViews.Page<>(stocks.count(me, filter),
                stocks.list(me, filter, offset, limit).stream().map(FavorViews.Stock::of).toList(), limit, offset);
    }

    @PostMapping("/users/{openid}/coupons")
    Map<String, String> send(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String openid,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj root = JsonFields.parse(body, json).root();
        String stockId = root.matching("stock_id", STOCK_ID, "digits", true);
        String outRequestNo = root.matching("out_request_no", OUT_REQUEST_NO, "1 to 128 letters, digits, _ or -", true);
        String appid = root.requiredString("appid", 128);
        caller.requireMchid(root.requiredString("stock_creator_mchid", 32));
        if (root.has("coupon_value") || root.has("coupon_minimum")) {
            throw V3Error.paramError("coupon_value and coupon_minimum are for stocks with a value range; "
                    + "Lingqian's stocks have a fixed value");
        }
        long userId = userOf(caller, appid, openid);
        Coupon coupon = refusals(() -> coupons.send(creator(caller), stockId, userId, outRequestNo, appid));
        return Map.of("coupon_id", coupon.couponId());
    }

    @GetMapping("/users/{openid}/coupons/{couponId}")
    FavorViews.CouponView coupon(@AuthenticationPrincipal MerchantApiCaller caller, @PathVariable String openid,
            @PathVariable String couponId, @RequestParam String appid) {
        long userId = userOf(caller, appid, openid);
        return FavorViews.CouponView.of(refusals(() -> coupons.coupon(userId, couponId)));
    }

    @GetMapping("/users/{openid}/coupons")
    FavorViews.Page<FavorViews.CouponView> userCoupons(@AuthenticationPrincipal MerchantApiCaller caller,
            @PathVariable String openid, @RequestParam String appid,
            @RequestParam(name = "stock_id", required = false) String stockId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "creator_mchid", required = false) String creatorMchid,
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit) {
        long userId = userOf(caller, appid, openid);
        int from = offset == null ? 0 : offset;
        int size = limit == null ? 20 : limit;
        page(from, size, 20);
        CouponStatus filter;
        try {
            filter = status == null ? null : CouponStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw V3Error.paramError("status must be SENDED, USED or EXPIRED");
        }
        // A merchant sees the user's coupons of its own stocks only.
        List<FavorViews.CouponView> data = coupons.ofUser(userId, stockId, filter, 0, 500).stream()
                .filter(c -> c.stock().creatorMchid().equals(caller.mchid()))
                .filter(c -> creatorMchid == null || c.stock().creatorMchid().equals(creatorMchid))
                .map(FavorViews.CouponView::of).toList();
        return new FavorViews.Page<>(data.size(), data.subList(Math.min(from, data.size()),
                Math.min(from + size, data.size())), size, from);
    }

    @PostMapping("/callbacks")
    Map<String, String> setCallback(@AuthenticationPrincipal MerchantApiCaller caller,
            @RequestBody(required = false) byte[] body) {
        JsonFields.Obj root = JsonFields.parse(body, json).root();
        caller.requireMchid(root.requiredString("mchid", 32));
        String url = JsonFields.notifyUrl(root.requiredString("notify_url", 255));
        Boolean enabled = root.bool("switch", false);
        CouponCallbacks.Callback cb = callbacks.set(caller.merchantId(), url, enabled == null || enabled);
        return Map.of("update_time", FavorViews.time(cb.updatedAt()), "notify_url", cb.notifyUrl());
    }

    @GetMapping("/callbacks")
    Map<String, String> callback(@AuthenticationPrincipal MerchantApiCaller caller, @RequestParam String mchid) {
        caller.requireMchid(mchid);
        CouponCallbacks.Callback cb = callbacks.of(caller.merchantId()).orElseThrow(() -> new V3Error(
                HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", "no COUPON.USE address was set"));
        return Map.of("notify_url", cb.notifyUrl(), "mchid", caller.mchid());
    }

    private CouponStocks.Creator creatorOf(MerchantApiCaller caller, byte[] body) {
        caller.requireMchid(JsonFields.parse(body, json).root().requiredString("stock_creator_mchid", 32));
        return creator(caller);
    }

    private static CouponStocks.Creator creator(MerchantApiCaller caller) {
        return CouponStocks.Creator.merchant(caller.merchantId(), caller.mchid());
    }

    private long userOf(MerchantApiCaller caller, String appid, String openid) {
        if (!apps.isBound(appid, caller.mchid())) {
            throw new V3Error(HttpStatus.BAD_REQUEST, "APPID_MCHID_NOT_MATCH", "appid " + appid
                    + " is not bound to this merchant");
        }
        return openIds.userOf(appid, openid).orElseThrow(() -> V3Error.invalidRequest("openid " + openid
                + " was never issued for appid " + appid));
    }

    private static String stockId(String stockId) {
        if (!STOCK_ID.matcher(stockId).matches()) {
            throw V3Error.paramError("stock_id must be digits");
        }
        return stockId;
    }

    private static void page(int offset, int limit, int maxLimit) {
        if (offset < 0 || limit < 1 || limit > maxLimit) {
            throw V3Error.paramError("offset must be at least 0 and limit 1 to " + maxLimit);
        }
    }

    private static Instant time(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw V3Error.paramError(field + " must be an RFC 3339 time");
        }
    }

    /** The marketing refusals in WeChat Pay's statuses and codes (docs/marketing.md). */
    private static <T> T refusals(Supplier<T> call) {
        try {
            return call.get();
        } catch (MarketingRefusal r) {
            throw switch (r.reason()) {
                case INVALID -> V3Error.paramError(r.getMessage());
                case NOT_FOUND -> new V3Error(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", r.getMessage());
                case REQUEST_REUSED, WRONG_STATE -> V3Error.invalidRequest(r.getMessage());
                case BUDGET_EXHAUSTED, DAILY_BUDGET_EXHAUSTED, USER_LIMIT ->
                        new V3Error(HttpStatus.FORBIDDEN, "RULE_LIMIT", r.getMessage());
                case NOT_ENOUGH -> new V3Error(HttpStatus.FORBIDDEN, "NOT_ENOUGH", r.getMessage());
                case FORBIDDEN -> new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH, r.getMessage());
            };
        }
    }
}
