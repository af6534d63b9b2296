package io.lingqian.bank;

import java.util.Random;

/**
 * How the simulated bank treats a corporate account, read from its last four digits. Any 8–30 digit
 * number at a partner bank is an account held under whatever name is asked about; most behave like
 * {@link #ALWAYS_SUCCEEDS}, and these markers select the others. {@link #number} makes one for tests.
 */
public enum TestAccount {
    /** Marker 9900 (and any number without another marker): the enquiry matches, payments succeed at once. */
    ALWAYS_SUCCEEDS("9900", "Name enquiry matches; payments succeed at once."),
    /** Marker 9901: the account is held by another company; the enquiry says so and payments are returned. */
    NAME_MISMATCH("9901", "Held under another name: the enquiry fails and payments are returned."),
    /** Marker 9902: the account was closed; the enquiry says so and payments fail. */
    CLOSED("9902", "Closed: the enquiry fails and payments fail."),
    /** Marker 9903: the enquiry matches (the account was frozen afterwards); payments fail with ACCOUNT_FROZEN. */
    FROZEN("9903", "Name enquiry matches, but every payment fails: account frozen."),
    /** Marker 9904: payments time out (UNKNOWN) and turn out to have succeeded. */
    TIMEOUT_THEN_SUCCEEDS("9904", "Payments time out (unknown); asked again later, they succeeded."),
    /** Marker 9905: payments time out (UNKNOWN) and turn out to have failed. */
    TIMEOUT_THEN_FAILS("9905", "Payments time out (unknown); asked again later, they failed.");

    private final String marker;
    private final String description;

    TestAccount(String marker, String description) {
        this.marker = marker;
        this.description = description;
    }

    public String marker() {
        return marker;
    }

    public String description() {
        return description;
    }

    /** The behaviour of an account number: the marker in its last four digits, or {@link #ALWAYS_SUCCEEDS}. */
    public static TestAccount of(String accountNumber) {
        String digits = accountNumber == null ? "" : accountNumber.replace(" ", "");
        if (digits.length() >= 4) {
            String found = digits.substring(digits.length() - 4);
            for (TestAccount account : values()) {
                if (account.marker.equals(found)) {
                    return account;
                }
            }
        }
        return ALWAYS_SUCCEEDS;
    }

    /** A 20-digit account number of this behaviour, random between the branch prefix and the marker. */
    public String number(Random random) {
        StringBuilder digits = new StringBuilder("3100");
        while (digits.length() < 16) {
            digits.append(random.nextInt(10));
        }
        return digits.append(marker).toString();
    }

    /** The example of this behaviour printed in the documentation. */
    public String example() {
        return "310000000000" + "0000" + marker;
    }
}
