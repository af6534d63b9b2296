package io.lingqian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.staff.StaffRole;
import io.lingqian.staff.StaffUser;
import io.lingqian.staff.StaffUsers;
import io.lingqian.testing.DemoEnvironmentTest;

/** The demo environment has its staff, wallet users and merchant, and is created once only. */
@DemoEnvironmentTest
class DemoSeedTests {

    @Autowired
    DemoSeeder seeder;

    @Autowired
    StaffUsers staff;

    @Autowired
    JdbcClient jdbc;

    @Test
    void oneStaffMemberPerRolePlusAnAdminWithAllRoles() {
        assertThat(staff.byUsername("admin")).map(StaffUser::roles).contains(EnumSet.allOf(StaffRole.class));
        assertThat(staff.byUsername("sysadmin")).map(StaffUser::roles).contains(Set.of(StaffRole.ADMIN));
        assertThat(staff.byUsername("risk")).map(StaffUser::roles).contains(Set.of(StaffRole.RISK));
        assertThat(staff.byUsername("support")).map(StaffUser::roles).contains(Set.of(StaffRole.SUPPORT));
        assertThat(staff.byUsername("finance")).map(StaffUser::roles).contains(Set.of(StaffRole.FINANCE));
    }

    @Test
    void theDemoWalletUsersAndMerchantExist() {
        assertThat(jdbc.sql("SELECT display_name FROM wallet_user WHERE mobile IN ('13800000001', '13800000002')"
                + " ORDER BY mobile").query(String.class).list()).containsExactly("Li Lei", "Han Meimei");
        assertThat(jdbc.sql("SELECT name FROM merchant WHERE mchid = '1900000001' AND status = 'ACTIVE'")
                .query(String.class).single()).isEqualTo("Lingqian Demo Coffee");
    }

    @Test
    void seedingAgainChangesNothing() {
        long staffBefore = count("staff_user");
        long walletsBefore = count("wallet_user");

        seeder.seedIfWanted();

        assertThat(count("staff_user")).isEqualTo(staffBefore);
        assertThat(count("wallet_user")).isEqualTo(walletsBefore);
        assertThat(count("demo_seed")).isEqualTo(1);
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
