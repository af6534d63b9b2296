package io.lingqian.platform;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The ledger's and the server's migrations both apply, in one history, on the test database. */
@ServerTest
class MigrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestUsers users;

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

    /**
     * The pool replaces its connections (after 30 minutes by default, or when one breaks), including
     * the one Flyway created the tables with. H2 2.4.240 then failed every insert into a table with a
     * CHECK constraint ("Check constraint invalid"), which broke the embedded default half an hour
     * after its first start and long test runs; the pinned H2 version does not.
     */
    @Test
    void checkConstraintsStillWorkAfterThePoolHasReplacedEveryConnection() {
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();

        StaffUser risk = users.staff(StaffRole.RISK);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_role WHERE staff_user_id = ?").param(risk.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO staff_role (staff_user_id, role) VALUES (?, 'JANITOR')")
                .param(risk.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("staff_role_role_check"));
    }
}
