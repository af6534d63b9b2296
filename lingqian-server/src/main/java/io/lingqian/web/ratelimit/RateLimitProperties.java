package io.lingqian.web.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lingqian.rate-limits.*}: token buckets per client address and endpoint group. A bucket holds
 * {@code capacity} requests and refills {@code perMinute} a minute.
 *
 * @param exempt client addresses never limited (the tests' loopback client; a trusted monitoring host)
 */
@ConfigurationProperties("lingqian.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<String> exempt,
                                  Bucket login, Bucket sms, Bucket password, Bucket pay) {

    /** Defaults: sign-ins 10 (10 a minute), SMS codes 5 (5), password and code tries 10 (10), payments 30 (30). */
    public RateLimitProperties {
        login = login == null ? new Bucket(10, 10) : login;
        sms = sms == null ? new Bucket(5, 5) : sms;
        password = password == null ? new Bucket(10, 10) : password;
        pay = pay == null ? new Bucket(30, 30) : pay;
    }

    public record Bucket(int capacity, int perMinute) {

        public Bucket {
            if (capacity < 1 || perMinute < 1) {
                throw new IllegalArgumentException("a rate limit bucket holds and refills at least 1");
            }
        }
    }
}
