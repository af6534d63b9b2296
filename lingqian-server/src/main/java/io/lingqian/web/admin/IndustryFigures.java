package io.lingqian.web.admin;

import java.util.List;

/**
 * Public industry figures for comparison on the dashboard, from shared/reference/domain-rules.md §9.
 * External numbers about WeChat and the market, never Lingqian's own; each keeps its source tag and,
 * where researchers define the figure differently, the definition.
 */
final class IndustryFigures {

    record Figure(String group, String period, String figure, String source) {
    }

    static final List<Figure> ALL = List.of(
            new Figure("Users", "end 2014", "WeChat MAU 500 M", "[S115]"),
            new Figure("Users", "Q1 2015", "WeChat MAU 549 M", "[S116]"),
            new Figure("Users", "Q3 2015", "WeChat MAU 650 M; 200 M users with a bound card for payments", "[S117]"),
            new Figure("Users", "end 2015", "WeChat MAU 697 M (+39%); mobile-payment MAU up 7x during 2015", "[S41]"),
            new Figure("Users", "Q1 2016", "WeChat MAU 762 M; more than 300 M bound-card users", "[S118]"),
            new Figure("Users", "Q4 2016", "WeChat MAU 889 M", "[S119]"),
            new Figure("Users", "2017", "Tencent claims 600 M WeChat Pay active users (Alipay 450 M)", "[S66]"),
            new Figure("Red packets", "2014 eve", "16 M packets sent and received", "[S114][S120]"),
            new Figure("Red packets", "2015 eve", "more than 1 bn packets", "[S114][S120]"),
            new Figure("Red packets", "New Year's Eve 2015/16", "2.31 bn in 24 h; peak minute 2.4 M sent, 6.2 M opened",
                    "[S114]"),
            new Figure("Red packets", "2016 eve", "8.08 bn packets; peak 409,000 per second", "[S28][S29]"),
            new Figure("Red packets", "2017 eve", "14.2 bn (+75.7%)", "[S123]"),
            new Figure("Market share", "2015 Q3, Analysys (all transactions)", "Alipay about 71%, Tenpay about 16%",
                    "[S128]"),
            new Figure("Market share", "2016 Q1, Analysys (all transactions)",
                    "Alipay 63.41%, Tenpay 23.03%; market 5.97 tn CNY", "[S129]"),
            new Figure("Market share", "2016 Q4, Analysys (all transactions)",
                    "Alipay 54.1%, Tenpay 37.02%; market 12.8 tn CNY", "[S119]"),
            new Figure("Market share", "2016 Q4, iResearch (excluding transfers and red packets)",
                    "Alipay 61.5%, Tenpay 26.0%; 11.9 tn CNY in the quarter", "[S131]"));

    private IndustryFigures() {
    }
}
