package db.migration.ledger;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts PostgreSQL's work per journal row and per account update, keeping every guarantee of V1.
 * A migration in Java because the statements are PostgreSQL's own (partial indexes, storage
 * parameters, statement triggers with transition tables); on H2, the development database, V1's
 * schema stays as it is and this does nothing.
 *
 * <ul>
 *   <li><b>Partial indexes</b> on {@code reference} and {@code pending_id}: most rows carry no hold
 *       id and many no reference, and a full index stores an entry for each of those NULLs.
 *       {@code WHERE col IS NOT NULL} keeps only the rows a lookup can find ({@code col = ?} implies
 *       it, so the planner still uses them), and the unique index on {@code pending_id} enforces
 *       "each hold is resolved at most once" exactly as before (NULLs never conflicted).</li>
 *   <li><b>Fill factor 70 on {@code ledger_account}</b>: every batch rewrites the totals of the
 *       accounts it touched. With room left on the page, PostgreSQL writes the new row version as a
 *       heap-only tuple and adds no entries to the account's two indexes (id and reference).</li>
 *   <li><b>The journal's account references checked per statement instead of per row.</b> A
 *       foreign key runs one lookup query per inserted row and per column; a batch of 1,500 transfers
 *       ran 3,000 of them, a sixth of the insert. The same rule holds with two triggers: after each
 *       insert into or update of {@code ledger_transfer}, one query over the statement's new rows
 *       looks for an account id that does not exist and fails the statement with the foreign-key
 *       SQLState (23503); and an account can be neither deleted nor given another id (nor the
 *       table truncated), which is the other half of what the foreign key guaranteed, now for every
 *       account. The ledger never deletes accounts (they are closed), so nothing it does is refused.</li>
 * </ul>
 * The indexes are rebuilt inside the migration's transaction, which locks the journal while it runs:
 * seconds for millions of rows, at an upgrade.
 */
public class V2__journal_write_cost extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        // The functions keep the schema search path of the migration, so that ledger_account always
        // means the ledger's table whatever path the session that fires the trigger has.
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX ledger_transfer_reference");
            s.execute("CREATE INDEX ledger_transfer_reference ON ledger_transfer (reference) WHERE reference IS NOT NULL");
            s.execute("DROP INDEX ledger_transfer_resolves");
            s.execute("CREATE UNIQUE INDEX ledger_transfer_resolves ON ledger_transfer (pending_id) "
                    + "WHERE pending_id IS NOT NULL");

            s.execute("ALTER TABLE ledger_account SET (fillfactor = 70)");

            List<String> foreignKeys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT conname FROM pg_constraint WHERE contype = 'f' "
                    + "AND conrelid = 'ledger_transfer'::regclass AND confrelid = 'ledger_account'::regclass")) {
                while (rs.next()) {
                    foreignKeys.add(rs.getString(1));
                }
            }
            if (foreignKeys.size() != 2) {
                throw new IllegalStateException("expected the journal's two foreign keys to ledger_account, found "
                        + foreignKeys);
            }
            s.execute("""
                    CREATE FUNCTION ledger_transfer_accounts_exist() RETURNS trigger LANGUAGE plpgsql
                    SET search_path FROM CURRENT AS $$
                    DECLARE
                        missing BIGINT;
                    BEGIN
                        SELECT x.id INTO missing
                        FROM (SELECT debit_account_id AS id FROM new_rows
                              UNION SELECT credit_account_id FROM new_rows) x
                        WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = x.id)
                        LIMIT 1;
                        IF FOUND THEN
                            RAISE EXCEPTION 'ledger_transfer names account %, which does not exist', missing
                                USING ERRCODE = 'foreign_key_violation';
                        END IF;
                        RETURN NULL;
                    END $$""");
            // A trigger with a transition table takes one event, hence one for inserts and one for updates.
            s.execute("CREATE TRIGGER ledger_transfer_accounts_exist_insert AFTER INSERT ON ledger_transfer "
                    + "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_transfer_accounts_exist()");
            s.execute("CREATE TRIGGER ledger_transfer_accounts_exist_update AFTER UPDATE ON ledger_transfer "
                    + "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_transfer_accounts_exist()");
            s.execute("""
                    CREATE FUNCTION ledger_account_kept() RETURNS trigger LANGUAGE plpgsql
                    SET search_path FROM CURRENT AS $$
                    BEGIN
                        RAISE EXCEPTION 'ledger accounts are never deleted and keep their id (close them instead)'
                            USING ERRCODE = 'foreign_key_violation';
                    END $$""");
            s.execute("CREATE TRIGGER ledger_account_kept BEFORE DELETE OR UPDATE OF id ON ledger_account "
                    + "FOR EACH ROW EXECUTE FUNCTION ledger_account_kept()");
            s.execute("CREATE TRIGGER ledger_account_not_truncated BEFORE TRUNCATE ON ledger_account "
                    + "FOR EACH STATEMENT EXECUTE FUNCTION ledger_account_kept()");
            // Only now, with the triggers in place in the same transaction, do the foreign keys go.
            for (String fk : foreignKeys) {
                s.execute("ALTER TABLE ledger_transfer DROP CONSTRAINT " + fk);
            }
        }
    }
}
