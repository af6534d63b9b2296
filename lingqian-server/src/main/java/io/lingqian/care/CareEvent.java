package io.lingqian.care;

import java.time.Instant;

/**
 * One entry of a claim's, complaint's or ticket's history: who did what, from which state to which.
 *
 * @param actor who acted: {@code user:<id>}, {@code merchant:<mchid>}, {@code staff:<username>} or
 *              {@code system}
 */
public record CareEvent(long id, String actor, String fromState, String toState, String note, Instant at) {
}
