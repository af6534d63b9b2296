package io.lingqian.web.merchant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.platform.security.SignedInUser;
import io.lingqian.redpack.MerchantRedpacks;
import io.lingqian.redpack.Redpack;
import io.lingqian.redpack.RedpackShare;
import io.lingqian.redpack.RedpackStatus;

/** The signed-in merchant's latest enterprise red packets ({@code sendredpack}/{@code sendgroupredpack}); only its own. */
@Controller
class RedPacketsController {

    private static final int SHOWN = 200;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MerchantAccounts accounts;
    private final MerchantRedpacks redpacks;

    RedPacketsController(MerchantAccounts accounts, MerchantRedpacks redpacks) {
        this.accounts = accounts;
        this.redpacks = redpacks;
    }

    /** One packet as the page shows it: the recipient's openid masked, the shares counted. */
    record Row(String mchBillno, String sendListid, String recipient, boolean group, String sendName, String actName,
               long totalFen, long opened, int totalNum, RedpackStatus status, Instant sentAt, Long refundFen,
               Instant refundedAt) {
    }

    @GetMapping("/merchant/red-packets")
    String redPackets(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
        long merchantId = accounts.merchantOfPortalUser(signedIn.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
        List<Row> rows = redpacks.ofMerchant(merchantId, SHOWN).stream().map(RedPacketsController::row).toList();
        model.addAttribute("packets", rows);
        model.addAttribute("zone", CHINA);
        return "merchant/red-packets";
    }

    private static Row row(Redpack p) {
        return new Row(p.mchBillno(), p.sendListid(), masked(p.reOpenid()), p.group(), p.sendName(), p.actName(),
                p.totalFen(), p.shares().stream().filter(RedpackShare::opened).count(), p.totalNum(), p.status(),
                p.sentAt(), p.refundFen(), p.refundedAt());
    }

    /** Enough of the openid to tell recipients apart, not enough to address the user elsewhere. */
    static String masked(String openid) {
        if (openid == null || openid.length() <= 8) {
            return "****";
        }
        return openid.substring(0, 4) + "****" + openid.substring(openid.length() - 4);
    }
}
