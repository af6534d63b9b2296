package io.lingqian.risk;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** This process among several: its stored events are told apart from other instances'. */
@Component
class RiskInstance {

    private final String id = UUID.randomUUID().toString();

    String id() {
        return id;
    }
}
