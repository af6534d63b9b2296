package io.lingqian.api.v3.marketing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.lingqian.marketing.Coupon;
import io.lingqian.marketing.CouponStock;
import io.lingqian.marketing.StockFunding;

/** The stock and coupon objects of reference §6.1, as the SDK's {@code Stock} and {@code Coupon} read them. */
final class FavorViews {

    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private FavorViews() {
    }

    static String time(Instant instant) {
        return instant == null ? null : RFC3339.format(instant);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stock(@JsonProperty("stock_id") String stockId, @JsonProperty("stock_creator_mchid") String creatorMchid,
                 @JsonProperty("stock_name") String name, String status, @JsonProperty("create_time") String createTime,
                 String description, @JsonProperty("stock_use_rule") StockUseRule useRule,
                 @JsonProperty("available_begin_time") String availableBegin,
                 @JsonProperty("available_end_time") String availableEnd,
                 @JsonProperty("distributed_coupons") long distributedCoupons, @JsonProperty("no_cash") boolean noCash,
                 @JsonProperty("start_time") String startTime, @JsonProperty("stop_time") String stopTime,
                 boolean singleitem, @JsonProperty("stock_type") String stockType) {

        static Stock of(CouponStock s) {
            return new Stock(s.stockId(), s.creatorMchid(), s.name(), s.status().wechatName(), time(s.createdAt()),
                    s.comment(), new StockUseRule(s.maxCoupons(), s.maxAmountFen(), s.maxAmountByDayFen(),
                    new FixedNormalCoupon(s.couponAmountFen(), s.transactionMinimumFen()), s.maxCouponsPerUser(),
                    "NORMAL", s.goodsTags().isEmpty() ? null : s.goodsTags(), s.combineUse()),
                    time(s.availableBegin()), time(s.availableEnd()), s.distributedCoupons(),
                    s.funding() == StockFunding.MERCHANT, time(s.startedAt()), time(s.stoppedAt()), false, "NORMAL");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StockUseRule(@JsonProperty("max_coupons") long maxCoupons, @JsonProperty("max_amount") long maxAmount,
                        @JsonProperty("max_amount_by_day") long maxAmountByDay,
                        @JsonProperty("fixed_normal_coupon") FixedNormalCoupon fixedNormalCoupon,
                        @JsonProperty("max_coupons_per_user") int maxCouponsPerUser,
                        @JsonProperty("coupon_type") String couponType, @JsonProperty("goods_tag") List<String> goodsTag,
                        @JsonProperty("combine_use") boolean combineUse) {
    }

    record FixedNormalCoupon(@JsonProperty("coupon_amount") long couponAmount,
                             @JsonProperty("transaction_minimum") long transactionMinimum) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CouponView(@JsonProperty("stock_creator_mchid") String creatorMchid, @JsonProperty("stock_id") String stockId,
                      @JsonProperty("coupon_id") String couponId, @JsonProperty("coupon_name") String name,
                      String status, String description, @JsonProperty("create_time") String createTime,
                      @JsonProperty("coupon_type") String couponType, @JsonProperty("no_cash") boolean noCash,
                      @JsonProperty("available_begin_time") String availableBegin,
                      @JsonProperty("available_end_time") String availableEnd, boolean singleitem,
                      @JsonProperty("normal_coupon_information") FixedNormalCoupon normal,
                      @JsonProperty("consume_information") ConsumeInformation consume) {

        static CouponView of(Coupon c) {
            CouponStock s = c.stock();
            return new CouponView(s.creatorMchid(), s.stockId(), c.couponId(), s.name(), c.status().name(),
                    s.comment(), time(c.createdAt()), "NORMAL", s.funding() == StockFunding.MERCHANT,
                    time(s.availableBegin()), time(s.availableEnd()), false,
                    new FixedNormalCoupon(c.amountFen(), c.minimumFen()),
                    c.usedAt() == null ? null
                            : new ConsumeInformation(time(c.usedAt()), c.usedMchid(), c.usedTransactionId()));
        }
    }

    record ConsumeInformation(@JsonProperty("consume_time") String consumeTime,
                              @JsonProperty("consume_mchid") String consumeMchid,
                              @JsonProperty("transaction_id") String transactionId) {
    }

    record Page<T>(@JsonProperty("total_count") long totalCount, List<T> data, int limit, int offset) {
    }
}
