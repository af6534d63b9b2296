package io.lingqian.bank.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.lingqian.bank.StatementFaults;
import io.lingqian.bank.StatementLine;

/** The simulated bank's statement faults (table {@code bank_sim_statement_fault}). */
@Service
class SimulatedStatementFaults implements StatementFaults {

    private final JdbcClient jdbc;
    private final boolean enabled;

    SimulatedStatementFaults(JdbcClient jdbc, @Value("${lingqian.bank.statement-faults:false}") boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @Override
    public void drop(String operationId) {
        set(operationId, "DROP", null);
    }

    @Override
    public void duplicate(String operationId) {
        set(operationId, "DUPLICATE", null);
    }

    @Override
    public void changeAmount(String operationId, long amountFen) {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("a statement amount is positive");
        }
        set(operationId, "AMOUNT", amountFen);
    }

    @Override
    public void clear(String operationId) {
        check();
        jdbc.sql("DELETE FROM bank_sim_statement_fault WHERE operation_id = :id").param("id", operationId).update();
    }

    private void set(String operationId, String fault, Long amountFen) {
        clear(operationId);
        jdbc.sql("INSERT INTO bank_sim_statement_fault (operation_id, fault, amount_fen) VALUES (:id, :fault, :amount)")
                .param("id", operationId).param("fault", fault).param("amount", amountFen).update();
    }

    private void check() {
        if (!enabled) {
            throw new IllegalStateException("statement faults are a sandbox switch (lingqian.bank.statement-faults)");
        }
    }

    /** The statement as printed: each line dropped, doubled or re-amounted as its fault says. */
    List<StatementLine> apply(List<StatementLine> lines) {
        if (!enabled || lines.isEmpty()) {
            return lines;
        }
        Map<String, Object[]> faults = jdbc.sql("SELECT operation_id, fault, amount_fen FROM bank_sim_statement_fault")
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, Long.class)})
                .list().stream().collect(Collectors.toMap(f -> (String) f[0], f -> f));
        if (faults.isEmpty()) {
            return lines;
        }
        List<StatementLine> printed = new java.util.ArrayList<>();
        for (StatementLine line : lines) {
            Object[] f = faults.get(line.operationId());
            if (f == null) {
                printed.add(line);
                continue;
            }
            switch ((String) f[1]) {
                case "DROP" -> {
                    // the line is left out
                }
                case "DUPLICATE" -> {
                    printed.add(line);
                    printed.add(line);
                }
                default -> printed.add(new StatementLine(line.operationId(), line.kind(), line.cardLastFour(),
                        (Long) f[2], line.status(), line.failureCode(), line.completedAt()));
            }
        }
        return printed;
    }
}
