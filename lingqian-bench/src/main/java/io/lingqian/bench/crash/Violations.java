package io.lingqian.bench.crash;

import java.util.ArrayList;
import java.util.List;

/** What the run found wrong, each with its kind and the object it concerns. */
final class Violations {

    record Violation(String kind, String detail) {
    }

    private final List<Violation> found = new ArrayList<>();

    synchronized void add(String kind, String detail) {
        found.add(new Violation(kind, detail));
        System.out.println("VIOLATION " + kind + ": " + detail);
    }

    synchronized List<Violation> all() {
        return List.copyOf(found);
    }

    synchronized int count() {
        return found.size();
    }
}
