package io.lingqian.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole server without a port, driven through MockMvc with the real security filters, on the
 * test database (a fresh in-memory H2, or CI's PostgreSQL through SPRING_DATASOURCE_URL, which other
 * test contexts share: create your own users with {@link TestUsers}, never assume empty tables).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
public @interface ServerTest {
}
