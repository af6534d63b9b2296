package io.lingqian.staff;

/** What a staff member may do in the admin console; a member may hold several. */
public enum StaffRole {
    /** Runs the installation: staff accounts, settings, the sandbox clock. */
    ADMIN,
    /** Watches risk cases, freezes and unfreezes accounts. */
    RISK,
    /** Handles complaints and compensation claims. */
    SUPPORT,
    /** Reconciles with banks, reads the books and statistics. */
    FINANCE
}
