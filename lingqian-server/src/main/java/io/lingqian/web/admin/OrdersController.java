package io.lingqian.web.admin;

import java.time.ZoneId;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.lingqian.ledger.Ledger;
import io.lingqian.payment.PaymentOrder;
import io.lingqian.payment.PaymentRecords;
import io.lingqian.payment.TradeState;
import io.lingqian.web.OrderViews;

/**
 * Every merchant's orders, for the staff who answer questions about them (SUPPORT), reconcile them
 * (FINANCE) and run the platform (ADMIN): search by merchant, number, state and day, and each order
 * with its history and ledger postings, accounts named by their ledger references.
 */
@Controller("adminOrdersController")
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE', 'SUPPORT')")
class OrdersController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final PaymentRecords records;
    private final Ledger ledger;

    OrdersController(PaymentRecords records, Ledger ledger) {
        this.records = records;
        this.ledger = ledger;
    }

    @GetMapping("/admin/orders")
    String list(@RequestParam(required = false) String mchid, @RequestParam(required = false) String number,
            @RequestParam(required = false) String state, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model) {
        OrderViews.Search search = OrderViews.search(mchid, number, state, from, to);
        model.addAttribute("search", search);
        model.addAttribute("states", TradeState.values());
        model.addAttribute("result", records.allOrders(search.filter(), page));
        model.addAttribute("zone", CHINA);
        return "admin/orders";
    }

    @GetMapping("/admin/orders/{id}")
    String order(@PathVariable long id, Model model) {
        PaymentOrder order = records.order(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("order", order);
        model.addAttribute("events", records.events(id));
        model.addAttribute("entries", OrderViews.entries(ledger, order, Function.identity()));
        model.addAttribute("zone", CHINA);
        return "admin/order";
    }
}
