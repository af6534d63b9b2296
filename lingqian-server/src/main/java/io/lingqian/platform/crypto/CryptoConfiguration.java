package io.lingqian.platform.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    FieldCipher fieldCipher(CryptoProperties props) {
        if (props.keys() != null && !props.keys().isEmpty()) {
            Map<String, byte[]> keys = new HashMap<>();
            props.keys().forEach((id, b64) -> keys.put(id, Base64.getDecoder().decode(b64)));
            if (props.activeKey() == null || props.indexKey() == null) {
                throw new IllegalStateException("lingqian.crypto.active-key and lingqian.crypto.index-key are required "
                        + "when lingqian.crypto.keys is set");
            }
            return new FieldCipher(keys, props.activeKey(), Base64.getDecoder().decode(props.indexKey()));
        }
        Path file = Path.of(props.keyFile() == null ? "./data/keys/field-encryption.properties" : props.keyFile());
        Properties generated = loadOrCreate(file);
        log.warn("Field encryption uses keys generated in {}. For production set lingqian.crypto.keys, "
                + "active-key and index-key from a secret store, and back them up: data sealed with a lost key is lost.",
                file.toAbsolutePath().normalize());
        return new FieldCipher(Map.of("k1", Base64.getDecoder().decode(generated.getProperty("k1"))), "k1",
                Base64.getDecoder().decode(generated.getProperty("index")));
    }

    private static Properties loadOrCreate(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    p.load(in);
                }
                return p;
            }
            SecureRandom random = new SecureRandom();
            p.setProperty("k1", randomKey(random));
            p.setProperty("index", randomKey(random));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps its directory's permissions
            }
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "Lingqian field-encryption keys: keep secret, back up with the database");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    private static String randomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
