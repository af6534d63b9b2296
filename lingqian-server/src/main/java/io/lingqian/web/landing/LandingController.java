package io.lingqian.web.landing;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public front page: what Lingqian is, and the way into each console. */
@Controller
class LandingController {

    @GetMapping("/")
    String landing() {
        return "landing";
    }
}
