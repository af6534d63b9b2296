package io.lingqian.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantUser;
import io.lingqian.staff.StaffUser;
import io.lingqian.wallet.WalletUser;

/**
 * What the demo seed has created so far, handed to each {@link DemoContributor}. A contributor that
 * creates something a person signs in with or copies (an API key, a certificate serial) adds it as a
 * section of the credentials file.
 */
public final class DemoSeed {

    /** A titled block of lines in the credentials file. */
    public record Section(String title, List<String> lines) {

        public Section {
            lines = List.copyOf(lines);
        }
    }

    private final String password;
    private final Map<String, StaffUser> staff;
    private final List<WalletUser> walletUsers;
    private final Merchant merchant;
    private final MerchantUser merchantUser;
    private final List<Section> sections = new ArrayList<>();

    DemoSeed(String password, Map<String, StaffUser> staff, List<WalletUser> walletUsers, Merchant merchant,
            MerchantUser merchantUser) {
        this.password = password;
        this.staff = Map.copyOf(staff);
        this.walletUsers = List.copyOf(walletUsers);
        this.merchant = merchant;
        this.merchantUser = merchantUser;
    }

    /** The password every demo user was given. */
    public String password() {
        return password;
    }

    /** The demo staff by username. */
    public Map<String, StaffUser> staff() {
        return staff;
    }

    /** The demo wallet users, Li Lei first. */
    public List<WalletUser> walletUsers() {
        return walletUsers;
    }

    /** Lingqian Demo Coffee. */
    public Merchant merchant() {
        return merchant;
    }

    /** The demo merchant's portal user. */
    public MerchantUser merchantUser() {
        return merchantUser;
    }

    /** Appends a section to the credentials file. */
    public void addSection(String title, List<String> lines) {
        sections.add(new Section(title, lines));
    }

    List<Section> sections() {
        return List.copyOf(sections);
    }
}
