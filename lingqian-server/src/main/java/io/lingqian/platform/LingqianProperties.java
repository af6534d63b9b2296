package io.lingqian.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code lingqian.*} settings, with their defaults.
 *
 * @param clock how the platform clock may be moved
 * @param demo  whether and how the demo environment is seeded
 */
@ConfigurationProperties("lingqian")
public record LingqianProperties(@DefaultValue Clock clock, @DefaultValue Demo demo) {

    /**
     * @param adjustable whether staff may move the clock forward through the admin API; true only in
     *                   the demo and the sandbox, never in production
     */
    public record Clock(@DefaultValue("false") boolean adjustable) {
    }

    /**
     * @param seed      when to create the demo users and merchant
     * @param password  the password of every demo user; blank means a random one per install
     * @param directory where the credentials file is written
     */
    public record Demo(@DefaultValue("auto") SeedMode seed, String password,
                       @DefaultValue("./data/demo") Path directory) {

        public boolean hasFixedPassword() {
            return password != null && !password.isBlank();
        }
    }

    public enum SeedMode {
        /** Seed the embedded H2 file database on its first start; never seed any other database. */
        AUTO,
        /** Seed any database once (idempotent). */
        TRUE,
        /** Never seed. */
        FALSE
    }
}
