package io.lingqian.accounting;

/**
 * The banks the platform holds customer funds at: each has a reserve and a clearing account. The
 * list follows the banks named in the product brief.
 */
public enum PartnerBank {
    ICBC("Industrial and Commercial Bank of China"),
    CCB("China Construction Bank"),
    ABC("Agricultural Bank of China"),
    CMB("China Merchants Bank"),
    CITIC("China CITIC Bank"),
    CGB("China Guangfa Bank"),
    PAB("Ping An Bank"),
    CMBC("China Minsheng Bank"),
    NBCB("Bank of Ningbo");

    private final String displayName;

    PartnerBank(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
