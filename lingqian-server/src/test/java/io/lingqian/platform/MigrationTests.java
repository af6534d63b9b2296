package io.lingqian.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.testing.ServerTest;

/** The ledger's and the server's migrations both apply, in one history, on the test database. */
@ServerTest
class MigrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void ledgerAndServerMigrationsHaveApplied() {
        List<String> applied = jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(applied).contains("1", "100", "101", "102", "103");
    }

    @Test
    void theServersTablesAreThere() {
        for (String table : List.of("staff_user", "staff_role", "wallet_user", "merchant", "merchant_user",
                "demo_seed", "ledger_account")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single())
                    .as(table).isNotNegative();
        }
    }
}
