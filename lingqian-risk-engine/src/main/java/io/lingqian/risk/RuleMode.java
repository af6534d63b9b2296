package io.lingqian.risk;

/** Whether a rule acts, or only records what it would have decided (to try a rule on live traffic). */
public enum RuleMode {
    ENFORCE,
    TEST
}
