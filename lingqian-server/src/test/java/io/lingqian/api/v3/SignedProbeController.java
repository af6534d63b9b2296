package io.lingqian.api.v3;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Test-only v3 endpoints (src/test, never shipped) that exercise the security layer the way the
 * payment endpoints will: a JSON echo, an empty 204 and a business refusal.
 */
@RestController
class SignedProbeController {

    static final String ECHO = "/v3/lingqian-test/echo";
    static final String EMPTY = "/v3/lingqian-test/empty";
    static final String REFUSE = "/v3/lingqian-test/refuse";

    /** Answers who called and what arrived: the body exactly as the controller read it, and the raw query. */
    @PostMapping(ECHO)
    Map<String, Object> echo(@AuthenticationPrincipal MerchantApiCaller caller, @RequestBody Map<String, Object> body,
            HttpServletRequest request) {
        caller.requireMchid(String.valueOf(body.get("mchid")));
        return Map.of("mchid", caller.mchid(), "received", body);
    }

    @GetMapping(ECHO)
    Map<String, Object> echoQuery(@AuthenticationPrincipal MerchantApiCaller caller, HttpServletRequest request) {
        return Map.of("mchid", caller.mchid(), "query", String.valueOf(request.getQueryString()));
    }

    @PostMapping(EMPTY)
    ResponseEntity<Void> empty(@AuthenticationPrincipal MerchantApiCaller caller) {
        return ResponseEntity.noContent().build();
    }

    @PostMapping(REFUSE)
    void refuse() {
        throw new V3Error(HttpStatus.FORBIDDEN, "TRADE_ERROR", "refused for the test");
    }
}
