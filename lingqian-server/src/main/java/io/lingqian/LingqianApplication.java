package io.lingqian;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LingqianApplication {
    public static void main(String[] args) {
        SpringApplication.run(LingqianApplication.class, args);
    }
}
