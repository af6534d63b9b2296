package io.lingqian.notification.internal;

import io.lingqian.notification.NotificationProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPosterTest {

    private static NotificationProperties allowing(List<String> hosts) {
        return new NotificationProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), 50, hosts,
                true, 0, 1);
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedBeforeAnyConnection() {
        WebhookPoster poster = new WebhookPoster(allowing(List.of("127.0.0.1", "localhost")));
        WebhookPoster.Answer answer = poster.post("https://shop.example.cn/notify", Map.of(), "{}");
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.status()).isNull();
        assertThat(answer.error()).contains("allowed-hosts");
        assertThat(answer.durationMs()).isZero();
    }

    @Test
    void anAllowedHostIsTried() {
        WebhookPoster poster = new WebhookPoster(allowing(List.of("LOCALHOST")));
        // port 9 (discard) is closed on this machine: the attempt is made and fails to connect
        WebhookPoster.Answer answer = poster.post("http://localhost:9/notify", Map.of(), "{}");
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.error()).doesNotContain("allowed-hosts");
    }

    @Test
    void withoutAnAllowListEveryHostMayBeTried() {
        assertThat(allowing(null).allowedHosts()).isEmpty();
    }
}
