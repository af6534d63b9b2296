package io.lingqian.bill;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.bill.*}.
 *
 * @param downloadValidity how long a {@code download_url} works (WeChat documents 5 minutes)
 * @param downloadBaseUrl  the scheme and host of a {@code download_url}: WeChat's own by default, so that
 *                         an SDK pointed at Lingqian (its interceptor rewrites the host of every call)
 *                         downloads from Lingqian like from WeChat
 */
@ConfigurationProperties("lingqian.bill")
public record BillProperties(@DefaultValue("5m") Duration downloadValidity,
                             @DefaultValue("https://api.mch.weixin.qq.com") String downloadBaseUrl) {
}
