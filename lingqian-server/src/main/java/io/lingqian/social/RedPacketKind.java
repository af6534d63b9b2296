package io.lingqian.social;

/** The kinds of domain-rules.md §1.1. */
public enum RedPacketKind {
    /** To one contact: a single share. */
    ONE_TO_ONE,
    /** To a group, every share the same amount (普通红包). */
    ORDINARY,
    /** To a group, random shares by the double-mean method (拼手气红包). */
    LUCKY
}
