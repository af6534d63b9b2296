package io.lingqian.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.lingqian.testing.DemoEnvironmentTest;

/** The demo merchant went through onboarding and has an app whose secret is in the credentials file. */
@DemoEnvironmentTest
class DemoMerchantTests {

    @Autowired JdbcClient jdbc;
    @Autowired MerchantApplications applications;
    @Autowired MerchantApps apps;

    @Test
    void theDemoMerchantIsActiveWithItsApplicationAndAnApp() throws Exception {
        long id = jdbc.sql("SELECT id FROM merchant WHERE mchid = '1900000001'").query(Long.class).single();
        MerchantApplication app = applications.ofMerchant(id).orElseThrow();
        assertThat(app.state()).isEqualTo(ApplicationState.ACTIVE);
        assertThat(applications.history(app.id())).extracting(ApplicationEvent::to).endsWith(ApplicationState.ACTIVE);
        assertThat(apps.appsOf(id)).singleElement().satisfies(a -> {
            assertThat(a.appid()).matches("wx[0-9a-f]{16}");
            assertThat(apps.isBound(a.appid(), "1900000001")).isTrue();
        });
        String credentials = Files.readString(Path.of("target/demo-environment/credentials.txt"));
        assertThat(credentials).contains(apps.appsOf(id).get(0).appid() + " / ");
    }
}
