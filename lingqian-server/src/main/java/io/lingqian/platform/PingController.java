package io.lingqian.platform;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ping}: a constant answer through the whole stack (Tomcat, the security filter chains,
 * the Request-ID filter, Spring MVC) and nothing else. The benchmark's HTTP ceiling: what the same
 * server answers per second when a request does no work (docs/performance.md). Public, like the
 * landing page; it reveals nothing.
 */
@RestController
class PingController {

    @GetMapping(path = "/ping", produces = MediaType.TEXT_PLAIN_VALUE)
    String ping() {
        return "ok";
    }
}
