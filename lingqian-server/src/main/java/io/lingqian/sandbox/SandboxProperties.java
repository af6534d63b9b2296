package io.lingqian.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code lingqian.sandbox.*} settings.
 *
 * @param available   whether merchants may switch their sandbox controls on at all; an operator running
 *                    real money turns this off, and every control is then refused
 * @param globalClock whether a merchant with the sandbox on may move the platform's one clock. The clock
 *                    is shared by every merchant of the installation, so this is for an installation
 *                    that is a sandbox as a whole (a developer's own Lingqian, the demo), never a shared one
 */
@ConfigurationProperties("lingqian.sandbox")
public record SandboxProperties(@DefaultValue("true") boolean available, @DefaultValue("false") boolean globalClock) {
}
