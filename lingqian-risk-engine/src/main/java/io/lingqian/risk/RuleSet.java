package io.lingqian.risk;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A version of the rules, parsed from the rule language: one rule per line, {@code #} starts a comment.
 *
 * <pre>
 * rule &lt;id&gt; [on ACTION[,ACTION…]] when &lt;feature&gt; &lt;op&gt; &lt;number|feature&gt; [and …]
 *      then ALLOW|CHALLENGE|DENY|DENY_AND_FREEZE [mode enforce|test] [reason "text"]
 * </pre>
 *
 * Without {@code on} a rule applies to the money-moving actions (payment, transfer, red packet,
 * withdrawal, payout). Operators are {@code > >= < <= = != ==}, separated by spaces. Features are
 * listed in {@link Feature#NAMES}. Ids are unique lower-case words with dashes. Anything else is
 * refused with the line number, and a refused source changes nothing.
 */
public final class RuleSet {

    static final int MAX_RULES = 200;
    static final int MAX_LINE = 500;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Set<RiskAction> MONEY = EnumSet.of(RiskAction.PAYMENT, RiskAction.TRANSFER,
            RiskAction.RED_PACKET, RiskAction.WITHDRAWAL, RiskAction.PAYOUT);

    private final long version;
    private final String source;
    private final List<Rule> rules;
    /** Every distinct feature the rules use, each with its slot in an evaluation's cache. */
    private final Map<String, Integer> slots;
    private final Map<RiskAction, List<Rule>> byAction;

    private RuleSet(long version, String source, List<Rule> rules) {
        this.version = version;
        this.source = source;
        this.rules = List.copyOf(rules);
        Map<String, Integer> featureSlots = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (Rule.Condition c : rule.conditions()) {
                featureSlots.putIfAbsent(c.feature().name(), featureSlots.size());
                if (c.other() != null) {
                    featureSlots.putIfAbsent(c.other().name(), featureSlots.size());
                }
            }
        }
        this.slots = Map.copyOf(featureSlots);
        Map<RiskAction, List<Rule>> index = new java.util.EnumMap<>(RiskAction.class);
        for (RiskAction action : RiskAction.values()) {
            index.put(action, rules.stream().filter(r -> r.actions().contains(action)).toList());
        }
        this.byAction = index;
    }

    /** No rules at all: everything is allowed. */
    public static RuleSet empty() {
        return new RuleSet(0, "", List.of());
    }

    /**
     * Parses and validates a source.
     *
     * @throws RuleSyntaxException naming the first line that is wrong
     */
    public static RuleSet parse(long version, String source) {
        if (source == null) {
            throw new RuleSyntaxException(1, "the rule set is empty");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                throw new RuleSyntaxException(lineNo, "a rule is at most " + MAX_LINE + " characters");
            }
            Rule rule = parseRule(lineNo, tokens(lineNo, line));
            if (!ids.add(rule.id())) {
                throw new RuleSyntaxException(lineNo, "the id '" + rule.id() + "' is used twice");
            }
            rules.add(rule);
            if (rules.size() > MAX_RULES) {
                throw new RuleSyntaxException(lineNo, "at most " + MAX_RULES + " rules");
            }
        }
        return new RuleSet(version, source, rules);
    }

    private static List<String> tokens(int lineNo, String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw new RuleSyntaxException(lineNo, "a quoted reason is not closed");
                }
                tokens.add(line.substring(i, end + 1));
                i = end + 1;
            } else if (c == '#') {
                break;
            } else {
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                tokens.add(line.substring(start, i));
            }
        }
        return tokens;
    }

    private static Rule parseRule(int lineNo, List<String> t) {
        Cursor c = new Cursor(lineNo, t);
        c.expect("rule");
        String id = c.next("a rule id");
        if (!ID.matcher(id).matches()) {
            throw new RuleSyntaxException(lineNo, "'" + id + "' is not a rule id (lower-case letters, digits, '-')");
        }
        Set<RiskAction> actions = EnumSet.noneOf(RiskAction.class);
        if (c.peekIs("on")) {
            c.next("on");
            StringBuilder list = new StringBuilder();
            while (c.hasNext() && !c.peekIs("when")) {
                list.append(c.next("an action"));
            }
            for (String name : list.toString().split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    actions.add(RiskAction.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new RuleSyntaxException(lineNo, "unknown action '" + name.strip() + "'; known: "
                            + java.util.Arrays.toString(RiskAction.values()));
                }
            }
            if (actions.isEmpty()) {
                throw new RuleSyntaxException(lineNo, "'on' needs at least one action");
            }
        } else {
            actions.addAll(MONEY);
        }
        c.expect("when");
        List<Rule.Condition> conditions = new ArrayList<>();
        conditions.add(condition(c));
        while (c.peekIs("and")) {
            c.next("and");
            conditions.add(condition(c));
        }
        c.expect("then");
        String decisionName = c.next("a decision");
        RiskDecision decision;
        try {
            decision = RiskDecision.valueOf(decisionName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(lineNo, "unknown decision '" + decisionName
                    + "'; use ALLOW, CHALLENGE, DENY or DENY_AND_FREEZE");
        }
        RuleMode mode = RuleMode.ENFORCE;
        String reason = null;
        while (c.hasNext()) {
            String word = c.next("mode or reason");
            if (word.equals("mode")) {
                String m = c.next("enforce or test");
                mode = switch (m.toLowerCase(Locale.ROOT)) {
                    case "enforce" -> RuleMode.ENFORCE;
                    case "test" -> RuleMode.TEST;
                    default -> throw new RuleSyntaxException(lineNo, "mode is 'enforce' or 'test', not '" + m + "'");
                };
            } else if (word.equals("reason")) {
                String text = c.next("a quoted reason");
                if (text.length() < 2 || !text.startsWith("\"") || !text.endsWith("\"")) {
                    throw new RuleSyntaxException(lineNo, "a reason is quoted: reason \"…\"");
                }
                reason = text.substring(1, text.length() - 1).strip();
            } else {
                throw new RuleSyntaxException(lineNo, "unexpected '" + word + "' after the decision");
            }
        }
        if (reason == null || reason.isEmpty()) {
            reason = "rule " + id;
        }
        if (decision == RiskDecision.DENY_AND_FREEZE && !actions.stream().allMatch(RiskAction::movesMoney)) {
            throw new RuleSyntaxException(lineNo, "DENY_AND_FREEZE applies to money-moving actions only");
        }
        return new Rule(id, actions, conditions, decision, mode, reason);
    }

    private static Rule.Condition condition(Cursor c) {
        String name = c.next("a feature");
        Feature feature = Feature.named(name).orElseThrow(() -> new RuleSyntaxException(c.line,
                "unknown feature '" + name + "'"));
        String symbol = c.next("an operator");
        Rule.Op op = Rule.Op.of(symbol);
        if (op == null) {
            throw new RuleSyntaxException(c.line, "'" + symbol + "' is not an operator (> >= < <= = !=); "
                    + "separate operators with spaces");
        }
        String value = c.next("a number or a feature");
        if (NUMBER.matcher(value).matches()) {
            return new Rule.Condition(feature, op, Double.parseDouble(value), null);
        }
        Feature other = Feature.named(value).orElseThrow(() -> new RuleSyntaxException(c.line,
                "'" + value + "' is neither a number nor a feature"));
        return new Rule.Condition(feature, op, 0, other);
    }

    /** Walks the tokens of one line. */
    private static final class Cursor {
        final int line;
        final List<String> tokens;
        int at;

        Cursor(int line, List<String> tokens) {
            this.line = line;
            this.tokens = tokens;
        }

        boolean hasNext() {
            return at < tokens.size();
        }

        boolean peekIs(String word) {
            return hasNext() && tokens.get(at).equals(word);
        }

        String next(String what) {
            if (!hasNext()) {
                throw new RuleSyntaxException(line, "expected " + what + " at the end of the line");
            }
            return tokens.get(at++);
        }

        void expect(String word) {
            String got = next("'" + word + "'");
            if (!got.equals(word)) {
                throw new RuleSyntaxException(line, "expected '" + word + "' but found '" + got + "'");
            }
        }
    }

    public long version() {
        return version;
    }

    public String source() {
        return source;
    }

    public List<Rule> rules() {
        return rules;
    }

    List<Rule> rulesFor(RiskAction action) {
        return byAction.get(action);
    }

    int slots() {
        return slots.size();
    }

    int slot(Feature feature) {
        return slots.get(feature.name());
    }
}
