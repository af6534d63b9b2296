package io.lingqian.redpack;

/**
 * A {@code sendredpack} / {@code sendgroupredpack} request, its fields checked for form by the caller.
 *
 * @param digest a fingerprint of the request's content: the same {@code mch_billno} with another digest
 *               is refused ({@code FATAL_ERROR})
 */
public record NewRedpack(String mchBillno, String wxappid, String reOpenid, boolean group, long totalFen,
                         int totalNum, String sendName, String wishing, String actName, String remark,
                         String sceneId, String digest) {
}
