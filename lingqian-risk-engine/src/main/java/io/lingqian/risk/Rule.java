package io.lingqian.risk;

import java.util.List;
import java.util.Set;

/**
 * One rule: on these actions, when every condition holds, decide this (or, in test mode, only say so).
 */
public record Rule(String id, Set<RiskAction> actions, List<Condition> conditions, RiskDecision decision,
                   RuleMode mode, String reason) {

    public Rule {
        actions = Set.copyOf(actions);
        conditions = List.copyOf(conditions);
    }

    /** {@code feature op constant}, or {@code feature op otherFeature} when {@code other} is set. */
    public record Condition(Feature feature, Op op, double constant, Feature other) {

        @Override
        public String toString() {
            return feature.name() + " " + op.symbol + " " + (other != null ? other.name() : format(constant));
        }

        private static String format(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }
    }

    /** Comparison operators. */
    public enum Op {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("="), NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double left, double right) {
            return switch (this) {
                case GT -> left > right;
                case GE -> left >= right;
                case LT -> left < right;
                case LE -> left <= right;
                case EQ -> left == right;
                case NE -> left != right;
            };
        }

        static Op of(String symbol) {
            if (symbol.equals("==")) {
                return EQ;
            }
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }
    }
}
