package io.lingqian.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Failed sign-ins to the three consoles (their form logins, and the admin API's HTTP Basic) as security
 * events: {@code LOGIN_FAILED} by an anonymous actor, the subject naming the console. The name tried is
 * kept, masked when it is a mobile number; the password never.
 */
@Component
class ConsoleSignInFailures {

    private final AuditLog audit;

    ConsoleSignInFailures(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent failure) {
        String console = console();
        String name = failure.getAuthentication() == null ? "" : String.valueOf(failure.getAuthentication().getName());
        audit.anonymous("LOGIN_FAILED", "console:" + console, console + " sign-in refused for " + mask(name)
                + " (" + failure.getException().getClass().getSimpleName() + ")");
    }

    private static String console() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String path = request.getRequest().getRequestURI();
            for (String console : new String[] {"wallet", "merchant", "admin"}) {
                if (path.startsWith("/" + console + "/") || path.startsWith("/api/" + console + "/")) {
                    return console;
                }
            }
        }
        return "unknown";
    }

    /** A mobile number keeps its first three and last four digits; anything else is cut to 60 characters. */
    static String mask(String name) {
        if (name.matches("\\d{11}")) {
            return name.substring(0, 3) + "****" + name.substring(7);
        }
        return name.length() > 60 ? name.substring(0, 60) : name;
    }
}
