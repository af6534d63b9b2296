package io.lingqian.reliability;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Test-only fault injection at the database: the n-th commit on the armed thread loses its
 * connection. {@link Mode#LOST_BEFORE_COMMIT} rolls the transaction back, {@link
 * Mode#LOST_AFTER_COMMIT} commits it; either way the caller sees the same SQL state 08006
 * (connection failure), as it would when a network drops the commit's answer, and cannot tell
 * which happened. Import {@link Config} to wrap the application's DataSource; unarmed, the wrapper
 * only delegates.
 */
public final class CommitFaults {

    public enum Mode { LOST_BEFORE_COMMIT, LOST_AFTER_COMMIT }

    private record Armed(int commitsLeft, Mode mode, boolean fired) {
    }

    private static final ThreadLocal<Armed> ARMED = new ThreadLocal<>();

    private CommitFaults() {
    }

    /** The {@code nth} commit (1-based) on this thread from now fails as {@code mode}. */
    public static void arm(int nth, Mode mode) {
        ARMED.set(new Armed(nth, mode, false));
    }

    /** Disarms this thread; whether the armed fault fired. */
    public static boolean disarm() {
        Armed armed = ARMED.get();
        ARMED.remove();
        return armed != null && armed.fired();
    }

    private static Mode due() {
        Armed armed = ARMED.get();
        if (armed == null || armed.fired()) {
            return null;
        }
        if (armed.commitsLeft() > 1) {
            ARMED.set(new Armed(armed.commitsLeft() - 1, armed.mode(), false));
            return null;
        }
        ARMED.set(new Armed(0, armed.mode(), true));
        return armed.mode();
    }

    static Connection wrap(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                Mode fault = due();
                if (fault != null) {
                    if (fault == Mode.LOST_AFTER_COMMIT) {
                        target.commit();
                    } else {
                        // Roll back now: a later setAutoCommit(true) would otherwise commit the work.
                        target.rollback();
                    }
                    throw new SQLException("injected fault: connection lost at commit (" + fault + ")", "08006");
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(CommitFaults.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    /** Wraps the application's DataSource so that its connections can be made to fail at commit. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        static BeanPostProcessor commitFaultsDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof DataSource ds && !(bean instanceof FaultyDataSource)) {
                        return new FaultyDataSource(ds);
                    }
                    return bean;
                }
            };
        }
    }

    static final class FaultyDataSource extends DelegatingDataSource {

        FaultyDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }
    }
}
