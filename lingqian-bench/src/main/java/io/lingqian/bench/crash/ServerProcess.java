package io.lingqian.bench.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Lingqian server under test: one {@code java -jar} process, started, killed and restarted. */
final class ServerProcess {

    private final Path jar;
    private final List<String> arguments;
    private final Path log;
    private final URI health;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    ServerProcess(Path jar, List<String> arguments, Path log, String baseUrl) {
        this.jar = jar;
        this.arguments = List.copyOf(arguments);
        this.log = log;
        this.health = URI.create(baseUrl + "/actuator/health");
    }

    /** Starts the server and waits until its health endpoint answers; returns how long that took. */
    Duration start() throws IOException, InterruptedException {
        Instant began = Instant.now();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = began.plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return Duration.between(began, Instant.now());
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The server did not come up within 5 minutes; see " + log);
    }

    /** SIGKILL: no shutdown hook, no connection pool drained, no transaction finished. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, at the end of the run. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    long pid() {
        return process.pid();
    }
}
