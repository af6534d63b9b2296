package io.lingqian.demo.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL for {@code demo_seed}, the one-row table that says "this database has been seeded". */
@Repository
public class DemoSeedMarker {

    private final JdbcClient jdbc;

    DemoSeedMarker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean present() {
        return jdbc.sql("SELECT COUNT(*) FROM demo_seed").query(Long.class).single() > 0;
    }

    /**
     * Claims the seeding. The fixed primary key makes a second instance seeding the same database at
     * the same time fail here (with a DuplicateKeyException), before it creates anything.
     */
    public void place(Instant now) {
        jdbc.sql("INSERT INTO demo_seed (id, seeded_at) VALUES (1, :now)")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }
}
