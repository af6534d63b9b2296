package io.lingqian.web.merchant;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.lingqian.merchant.AuthorizationError;
import io.lingqian.merchant.WebAuthorization;
import io.lingqian.platform.security.SignedInUser;

/**
 * The web authorisation's two public ends. The authorise page runs in the wallet's security chain:
 * a user who is not signed in is sent to the wallet login and comes back here. The code exchange is
 * called by the merchant's server, authenticated by appid and app secret, and answers in the
 * messaging platform's JSON, errors included ({@code {"errcode":40029,"errmsg":"invalid code"}}, HTTP 200).
 */
@Controller
class WebAuthorizationController {

    private final WebAuthorization authorization;

    WebAuthorizationController(WebAuthorization authorization) {
        this.authorization = authorization;
    }

    @GetMapping("/connect/oauth2/authorize")
    String ask(@RequestParam(required = false) String appid,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "response_type", required = false) String responseType,
            @RequestParam(required = false) String scope, @RequestParam(required = false) String state, Model model) {
        model.addAttribute("request", authorization.check(appid, redirectUri, responseType, scope, state));
        return "merchant/connect/authorize";
    }

    @PostMapping("/connect/oauth2/authorize")
    String confirm(@RequestParam String appid, @RequestParam(name = "redirect_uri") String redirectUri,
            @RequestParam String scope, @RequestParam(required = false) String state,
            @AuthenticationPrincipal SignedInUser user) {
        return "redirect:" + authorization.confirm(appid, redirectUri, scope, state, user.id());
    }

    @GetMapping(path = "/sns/oauth2/access_token", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> exchange(@RequestParam(required = false) String appid,
            @RequestParam(required = false) String secret, @RequestParam(required = false) String code,
            @RequestParam(name = "grant_type", required = false) String grantType) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            WebAuthorization.Grant grant = authorization.exchange(appid, secret, code, grantType);
            body.put("access_token", grant.accessToken());
            body.put("expires_in", grant.expiresIn());
            body.put("openid", grant.openid());
            body.put("scope", grant.scope());
        } catch (AuthorizationError e) {
            body.put("errcode", e.errcode());
            body.put("errmsg", e.errmsg());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** A refused authorise request is shown to the user; it never redirects to an unchecked address. */
    @ExceptionHandler(AuthorizationError.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String refused(AuthorizationError e, Model model) {
        model.addAttribute("error", e);
        return "merchant/connect/refused";
    }
}
