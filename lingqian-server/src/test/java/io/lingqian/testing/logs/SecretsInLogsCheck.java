package io.lingqian.testing.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs after the whole test suite (its own surefire execution in the verify phase, see the server's
 * pom) and scans every test's captured output for secrets: no private key, full card number,
 * encryption key or test password may ever be logged, whatever the scenario. The test suite's own
 * secrets are the probe: they are used in every money flow, so a leak anywhere shows here.
 */
class SecretsInLogsCheck {

    /** The fixed keys of application-test.yml (lingqian.crypto), which encrypt every sealed field in tests. */
    private static final List<String> TEST_KEYS = List.of(
            "dGVzdC1rZXktb25lLXRlc3Qta2V5LW9uZS10ZXN0LWs=",
            "dGVzdC1rZXktdHdvLXRlc3Qta2V5LXR3by10ZXN0LWs=",
            "dGVzdC1pbmRleC1rZXktdGVzdC1pbmRleC1rZXktdGU=");

    /** The payment and login passwords the tests use (TestPayers, SocialFixtures, TestUsers, WalletApiClient). */
    private static final List<String> TEST_PASSWORDS = List.of("284619", "correct horse battery", "login password 1");

    @Test
    void noSecretIsInTheLogsOfTheTestRun() {
        Path reports = Path.of("target", "surefire-reports");
        assertThat(Files.isDirectory(reports)).as("the test run's output in %s", reports).isTrue();
        SecretScanner.Result result = new SecretScanner(TEST_KEYS, TEST_PASSWORDS).scanDirectory(reports);
        // A run of the whole suite captures the output of well over a hundred test classes; a run of
        // a few chosen tests (-Dtest=…) is not a scenario run and is not judged.
        assumeTrue(result.files() > 30, "only the output of a whole test run is scanned");
        assertThat(result.findings()).as("secrets in the logs of the test run").isEmpty();
    }
}
