package io.lingqian.testing.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.lingqian.bank.CardNumbers;

/**
 * Finds secrets in log text: private keys, full card numbers of partner banks (Luhn-valid, with a
 * partner BIN), the fixed test encryption keys, and the test suite's passwords next to the word
 * "password". Used by {@link SecretsInLogsCheck} on the output of a whole test run.
 */
final class SecretScanner {

    /** What was found where; the secret itself is masked so the report does not leak it again. */
    record Finding(String file, int line, String kind, String masked) {
    }

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]{16,19}(?![0-9])");

    private final List<String> fixedSecrets;
    private final List<String> passwords;

    /**
     * @param fixedSecrets strings that must never appear at all (encryption keys)
     * @param passwords    strings that must never appear on a line mentioning a password
     */
    SecretScanner(List<String> fixedSecrets, List<String> passwords) {
        this.fixedSecrets = List.copyOf(fixedSecrets);
        this.passwords = List.copyOf(passwords);
    }

    List<Finding> scan(String file, List<String> lines) {
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (PRIVATE_KEY.matcher(line).find()) {
                found.add(new Finding(file, i + 1, "private key", "-----BEGIN … PRIVATE KEY-----"));
            }
            Matcher digits = DIGIT_RUN.matcher(line);
            while (digits.find()) {
                if (CardNumbers.lookup(digits.group()).isPresent()) {
                    found.add(new Finding(file, i + 1, "card number", CardNumbers.lastFour(digits.group())));
                }
            }
            for (String secret : fixedSecrets) {
                if (line.contains(secret)) {
                    found.add(new Finding(file, i + 1, "encryption key", secret.substring(0, 4) + "…"));
                }
            }
            if (line.toLowerCase().contains("password")) {
                for (String password : passwords) {
                    if (line.contains(password)) {
                        found.add(new Finding(file, i + 1, "password", "…"));
                    }
                }
            }
        }
        return found;
    }

    /** Scans every {@code *-output.txt} and {@code *.log} file under {@code dir}; the files scanned and what was found. */
    Result scanDirectory(Path dir) {
        List<Finding> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith("-output.txt") || p.toString().endsWith(".log")).toList()) {
                files++;
                found.addAll(scan(dir.relativize(p).toString(),
                        Files.readAllLines(p, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(files, found);
    }

    record Result(int files, List<Finding> findings) {
    }
}
