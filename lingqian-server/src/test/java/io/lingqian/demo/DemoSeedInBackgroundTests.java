package io.lingqian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.ActiveProfiles;

/**
 * A first start answers health before the demo seed is done, and no demo login works half-seeded: a
 * contributor holds the seed's transaction open after the demo users are inserted. This test has an
 * embedded database of its own, because a shared one (CI's PostgreSQL) is seeded already.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lingqian.demo.seed=true",
        "lingqian.demo.password=" + DemoSeedInBackgroundTests.PASSWORD,
        "lingqian.demo.directory=target/demo-background/${random.uuid}",
        "spring.datasource.url=jdbc:h2:mem:demo-background-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
@ActiveProfiles("test")
class DemoSeedInBackgroundTests {

    static final String PASSWORD = "demo-background-pw";
    private static final CountDownLatch SEED_REACHED_CONTRIBUTORS = new CountDownLatch(1);
    private static final CountDownLatch RELEASE_SEED = new CountDownLatch(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestConfiguration
    static class HeldSeed {

        /** Runs last of the contributors, inside the seed's transaction, after the demo users were inserted. */
        @Bean
        DemoContributor holdsTheSeedOpen() {
            class Hold implements DemoContributor, Ordered {
                @Override
                public void contribute(DemoSeed seed) {
                    SEED_REACHED_CONTRIBUTORS.countDown();
                    try {
                        RELEASE_SEED.await(3, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE;
                }
            }
            return new Hold();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoSeeding seeding;

    @Autowired
    DemoSeeder seeder;

    @AfterAll
    static void release() {
        RELEASE_SEED.countDown();
    }

    @Test
    void theServerIsHealthyWhileSeedingAndTheDemoLoginsWorkOnlyOnceTheSeedIsCommitted() throws Exception {
        assertThat(SEED_REACHED_CONTRIBUTORS.await(3, TimeUnit.MINUTES)).as("the seed reached its contributors").isTrue();

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(seeding.awaitFinished(Duration.ZERO)).isFalse();
        assertThat(seeder.credentialsFile()).doesNotExist();

        HttpResponse<String> unknown = signIn("13899999999");
        HttpResponse<String> halfSeeded = signIn("13800000001");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(halfSeeded.statusCode()).as(halfSeeded.body()).isEqualTo(401);
        assertThat(halfSeeded.body()).isEqualTo(unknown.body());

        RELEASE_SEED.countDown();
        assertThat(seeding.awaitFinished(Duration.ofMinutes(3))).isTrue();

        HttpResponse<String> seeded = signIn("13800000001");
        assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(201);
        assertThat(seeded.body()).contains("Li Lei");
        Path credentials = seeder.credentialsFile();
        assertThat(Files.readString(credentials)).contains("13800000001 / " + PASSWORD);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String mobile) throws Exception {
        String body = "{\"mobile\":\"" + mobile + "\",\"password\":\"" + PASSWORD
                + "\",\"deviceId\":\"background-seed-test\",\"deviceName\":\"Test\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/wallet/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
