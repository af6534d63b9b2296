package io.lingqian.ledger.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, migrated ledger database for one test class.
 *
 * <p>With {@code SPRING_DATASOURCE_URL} (environment or system property) pointing at PostgreSQL,
 * each instance gets its own schema in that database, dropped on {@link #close()}; otherwise an
 * in-memory H2 database in PostgreSQL mode. So the same tests prove the ledger on both, and
 * {@code .ci/run} switches with one variable.
 */
public final class TestDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final String pgSchema;
    private final String pgUrl;

    private TestDatabase(HikariDataSource dataSource, String pgSchema, String pgUrl) {
        this.dataSource = dataSource;
        this.pgSchema = pgSchema;
        this.pgUrl = pgUrl;
    }

    public static TestDatabase create() {
        return create(16);
    }

    public static TestDatabase create(int poolSize) {
        String url = setting("SPRING_DATASOURCE_URL");
        TestDatabase db;
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = DriverManager.getConnection(url, setting("SPRING_DATASOURCE_USERNAME"),
                    setting("SPRING_DATASOURCE_PASSWORD")); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test schema on " + url, e);
            }
            HikariConfig config = baseConfig(poolSize);
            config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            db = new TestDatabase(new HikariDataSource(config), schema, url);
        } else {
            HikariConfig config = baseConfig(poolSize);
            config.setJdbcUrl("jdbc:h2:mem:ledger-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
            db = new TestDatabase(new HikariDataSource(config), null, null);
        }
        Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration/ledger")
                .schemas(db.pgSchema == null ? new String[0] : new String[]{db.pgSchema})
                .load().migrate();
        return db;
    }

    private static HikariConfig baseConfig(int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setUsername(setting("SPRING_DATASOURCE_USERNAME"));
        config.setPassword(setting("SPRING_DATASOURCE_PASSWORD"));
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        return config;
    }

    private static String setting(String name) {
        String v = System.getProperty(name);
        return v != null ? v : System.getenv(name);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return pgSchema != null;
    }

    /** "PostgreSQL" or "H2", for test names and messages. */
    public String kind() {
        return isPostgres() ? "PostgreSQL" : "H2";
    }

    @Override
    public void close() {
        dataSource.close();
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(pgUrl, setting("SPRING_DATASOURCE_USERNAME"),
                    setting("SPRING_DATASOURCE_PASSWORD")); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + pgSchema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + pgSchema, e);
            }
        }
    }
}
