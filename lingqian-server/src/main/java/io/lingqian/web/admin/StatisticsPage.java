package io.lingqian.web.admin;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.lingqian.platform.ApiProblemException;
import io.lingqian.stats.Statistics;

/** The statistics dashboard page; its charts load their figures from {@link StatisticsController}. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
class StatisticsPage {

    private final StatisticsController api;
    private final Statistics statistics;

    StatisticsPage(StatisticsController api, Statistics statistics) {
        this.api = api;
        this.statistics = statistics;
    }

    @GetMapping("/admin/statistics")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        StatisticsController.Range range;
        try {
            range = api.range(from, to);
        } catch (ApiProblemException refused) {
            model.addAttribute("rangeError", refused.getMessage());
            range = api.range(null, null);
        }
        model.addAttribute("from", range.from());
        model.addAttribute("to", range.to());
        model.addAttribute("figures", IndustryFigures.ALL);
        model.addAttribute("complaintsAvailable", statistics.complaintsAvailable());
        return "admin/statistics";
    }
}
