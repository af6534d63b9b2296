package io.lingqian.merchant;

import java.time.Instant;
import java.util.Optional;

/** One line of an application's audit trail: who moved it from which state to which, when and why. */
public record ApplicationEvent(long id, long applicationId, Optional<ApplicationState> from, ApplicationState to,
                               Actor actor, String reason, Instant at) {
}
