package io.lingqian.care;

import java.time.Instant;

/**
 * One entry of a complaint's negotiation history (§7 {@code negotiation-historys}).
 *
 * @param logId       {@code log_id}
 * @param operator    {@code operator}: 用户 (the user), 商户 (the merchant), 平台 (Lingqian staff) or 系统
 * @param operateType {@code operate_type}, in WeChat's names (docs/care.md)
 */
public record ComplaintStep(long logId, String operator, String operateType, String details, String fromState,
                            String toState, Instant at) {
}
