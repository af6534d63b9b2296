package io.lingqian.accounting.internal;

import io.lingqian.ledger.Ledger;
import io.lingqian.ledger.jdbc.JdbcLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
class LedgerConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    SpringTransactions ledgerTransactions(DataSource dataSource, MeterRegistry meters) {
        SpringTransactions tx = new SpringTransactions(dataSource);
        FunctionCounter.builder("lingqian.ledger.transaction.retries", tx, SpringTransactions::retries)
                .description("Ledger transactions retried after a transient conflict").register(meters);
        FunctionCounter.builder("lingqian.ledger.transaction.deadlocks", tx, SpringTransactions::deadlocks)
                .description("Ledger transactions that hit a deadlock (expected: zero)").register(meters);
        return tx;
    }

    @Bean
    @DependsOnDatabaseInitialization
    Ledger ledger(SpringTransactions tx, Clock clock) {
        return new JdbcLedger(tx, clock);
    }

    /** Scheduled jobs run unless {@code lingqian.jobs.enabled=false} (tests run them by hand). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "lingqian.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Jobs {
    }
}
