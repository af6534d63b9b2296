package io.lingqian.risk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.lingqian.audit.AuditLog;
import io.lingqian.platform.ApiProblemException;
import io.lingqian.risk.internal.RiskStore;

/**
 * The rules as versioned data. Saving parses and validates first: a source that does not parse is
 * refused with the line and the reason, and the version in force stays. A saved version is installed
 * in this instance at once and in the others at their next poll of {@code max(version)}.
 */
@Service
public class RiskRules {

    private static final Logger log = LoggerFactory.getLogger(RiskRules.class);

    /** A stored version. */
    public record Version(long version, String source, String savedBy, String note, Instant savedAt) {
    }

    private final RiskStore store;
    private final RiskEngine engine;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RiskRules(RiskStore store, RiskEngine engine, AuditLog audit, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The rule set in force in this instance. */
    public RuleSet current() {
        return engine.rules();
    }

    public List<Version> versions(int limit) {
        return store.ruleVersions(Math.max(1, Math.min(100, limit))).stream().map(RiskRules::version).toList();
    }

    public java.util.Optional<Version> version(long version) {
        return store.ruleVersion(version).map(RiskRules::version);
    }

    private static Version version(RiskStore.RuleRow r) {
        return new Version(r.version(), r.source(), r.savedBy(), r.note(), r.savedAt().toInstant());
    }

    /**
     * Saves a new version and puts it in force.
     *
     * @throws ApiProblemException {@code invalid_rules} (422) naming the line, when it does not parse;
     *         {@code rules_changed} (409) when someone saved another version at the same moment
     */
    public RuleSet save(String source, long staffId, String staffName, String note) {
        RuleSet parsed;
        try {
            parsed = RuleSet.parse(0, source);
        } catch (RuleSyntaxException e) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_rules",
                    "The rules were not saved: " + e.getMessage() + ". The version in force stays.");
        }
        String text = note == null || note.isBlank() ? null : note.strip().substring(0, Math.min(200, note.strip().length()));
        RuleSet saved;
        try {
            saved = transaction.execute(status -> {
                long next = store.latestVersion() + 1;
                store.insertRules(next, source, staffName, text, clock.instant());
                audit.staff(staffId, staffName, "RULES_SAVED", "rules:" + next,
                        parsed.rules().size() + " rules" + (text == null ? "" : ": " + text));
                return RuleSet.parse(next, source);
            });
        } catch (DuplicateKeyException e) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "rules_changed",
                    "Someone saved the rules at the same moment; reload and try again.");
        }
        engine.install(saved);
        return saved;
    }

    /** Installs the newest stored version if it is newer than the one in force; true if it changed. */
    public boolean reload() {
        long latest = store.latestVersion();
        if (latest <= engine.rules().version()) {
            return false;
        }
        RiskStore.RuleRow row = store.latestRules().orElseThrow();
        try {
            engine.install(RuleSet.parse(row.version(), row.source()));
            return true;
        } catch (RuleSyntaxException e) {
            // Saving validates, so only a hand-edited row gets here: keep the rules in force.
            log.error("Stored risk rules version {} do not parse ({}); keeping version {}", row.version(),
                    e.getMessage(), engine.rules().version());
            return false;
        }
    }
}
