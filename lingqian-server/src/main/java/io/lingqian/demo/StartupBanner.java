package io.lingqian.demo;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.lingqian.demo.internal.DemoSeedMarker;

/**
 * The last lines of start-up: where the consoles are (on the port actually bound) and where the demo
 * credentials are. Never the passwords themselves: logs are shipped and kept where the file is not.
 * On a first start it is printed once the background demo seed is over, so that the file it names
 * exists and its logins work.
 */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;
    private final DemoSeeder seeder;
    private final DemoSeedMarker marker;

    StartupBanner(Environment environment, DemoSeeder seeder, DemoSeedMarker marker) {
        this.environment = environment;
        this.seeder = seeder;
        this.marker = marker;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceWhenSeeded() {
        seeder.finished().whenComplete((ignored, failure) -> announce());
    }

    private void announce() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("server.servlet.context-path", "");
        Path credentials = seeder.credentialsFile();
        String rule = "=".repeat(72);
        StringBuilder banner = new StringBuilder("\n").append(rule).append('\n')
                .append("  Lingqian is ready\n")
                .append("    Wallet            ").append(base).append("/wallet\n")
                .append("    Merchant portal   ").append(base).append("/merchant\n")
                .append("    Admin console     ").append(base).append("/admin\n");
        if (marker.present() && Files.exists(credentials)) {
            banner.append("    Demo credentials  ").append(credentials).append('\n');
        }
        banner.append(rule);
        log.info(banner.toString());
    }
}
