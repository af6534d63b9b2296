package io.lingqian.social;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.lingqian.social.internal.GraphStore;
import io.lingqian.wallet.WalletProblems;
import io.lingqian.wallet.WalletUser;
import io.lingqian.wallet.WalletUsers;

/** A user's contacts, added by mobile number: the people they may transfer to and send packets to. */
@Service
@EnableConfigurationProperties(SocialProperties.class)
public class Contacts {

    private final GraphStore store;
    private final WalletUsers users;
    private final Clock clock;

    Contacts(GraphStore store, WalletUsers users, Clock clock) {
        this.store = store;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Adds the user with this mobile number as a contact (adding one twice is harmless).
     *
     * @throws io.lingqian.platform.ApiProblemException {@code invalid_mobile}, {@code unknown_mobile}
     *         or {@code contact_is_you}
     */
    @Transactional
    public Contact add(long ownerId, String mobile) {
        String typed = mobile == null ? "" : mobile.strip();
        if (!WalletUsers.isMobileNumber(typed)) {
            throw WalletProblems.invalid("invalid_mobile", "A mobile number is 11 digits starting with 1.");
        }
        WalletUser other = users.byMobile(typed).orElseThrow(() -> WalletProblems.refused("unknown_mobile",
                "Nobody uses Lingqian with this mobile number."));
        if (other.id() == ownerId) {
            throw WalletProblems.invalid("contact_is_you", "You cannot add yourself as a contact.");
        }
        store.addContact(ownerId, other.id(), clock.instant());
        return contacts(ownerId).stream().filter(c -> c.userId() == other.id()).findFirst().orElseThrow();
    }

    public List<Contact> contacts(long ownerId) {
        return store.contacts(ownerId).stream().map(row -> {
            WalletUser u = users.byId(row.contactId()).orElseThrow();
            return new Contact(u.id(), u.mobile(), u.displayName(), row.added());
        }).toList();
    }

    public boolean isContact(long ownerId, long userId) {
        return store.isContact(ownerId, userId);
    }
}
