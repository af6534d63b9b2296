package io.lingqian.api.v3;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code {"code","message"}} errors from the filters, which run before Spring MVC's error handling. */
final class V3ErrorWriter {

    private final JsonMapper json;

    V3ErrorWriter(JsonMapper json) {
        this.json = json;
    }

    static Map<String, Object> body(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    void write(HttpServletResponse response, V3Error error) throws IOException {
        write(response, error.status().value(), error.code(), error.getMessage());
    }

    void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body(code, message)));
    }
}
