package io.lingqian.web.admin;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.lingqian.wallet.Yuan;

/** What the finance pages share: amounts written as people read them ({@code ${yuan.of(fen)}}). */
@ControllerAdvice(assignableTypes = {ReconciliationConsoleController.class, LedgerExplorerController.class,
        EndOfDayController.class})
class OperationsPages {

    private static final YuanFormat YUAN = new YuanFormat();

    @ModelAttribute("yuan")
    YuanFormat yuan() {
        return YUAN;
    }

    /** Formats fen as yuan with thousands separators and two decimals (public: templates call it). */
    public static final class YuanFormat {
        public String of(long fen) {
            return Yuan.format(fen);
        }
    }
}
