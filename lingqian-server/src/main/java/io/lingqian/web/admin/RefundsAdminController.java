package io.lingqian.web.admin;

import java.time.ZoneId;
import java.util.Arrays;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.RefundStatus;

/**
 * Every merchant's refunds, for the staff who answer payers' questions about them (SUPPORT),
 * reconcile them (FINANCE) and run the platform (ADMIN): the latest 100 matching a merchant, a number
 * and a status; each links to its order.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE', 'SUPPORT')")
class RefundsAdminController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final PaymentRecords records;

    RefundsAdminController(PaymentRecords records) {
        this.records = records;
    }

    @GetMapping("/admin/refunds")
    String list(@RequestParam(required = false) String mchid, @RequestParam(required = false) String number,
            @RequestParam(required = false) String status, Model model) {
        RefundStatus wanted = Arrays.stream(RefundStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .orElse(null);
        model.addAttribute("mchid", mchid == null ? "" : mchid);
        model.addAttribute("number", number == null ? "" : number);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("statuses", RefundStatus.values());
        model.addAttribute("refunds", records.allRefunds(mchid, number, wanted));
        model.addAttribute("shown", PaymentRecords.REFUNDS_SHOWN);
        model.addAttribute("zone", CHINA);
        return "admin/refunds";
    }
}
