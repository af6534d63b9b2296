package io.lingqian.api.v3.pay;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.lingqian.api.v3.V3Error;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a v3 JSON body field by field, so that each malformed, missing, wrong-typed or over-long
 * field is refused with 400 {@code PARAM_ERROR} naming it (reference §1.4), before anything is
 * stored (the pay and refund endpoints share it). Strings may not contain characters outside the Basic Multilingual Plane (4-byte UTF-8,
 * such as emoji): WeChat Pay refuses them, and merchants' systems often cannot store them. Nor may
 * they contain NUL (U+0000), which PostgreSQL cannot store in text at all.
 */
public final class JsonFields {

    private final JsonNode root;

    private JsonFields(JsonNode root) {
        this.root = root;
    }

    /** Parses the raw body: strict UTF-8, a JSON object, no 4-byte characters or NULs anywhere. */
    public static JsonFields parse(byte[] body, JsonMapper json) {
        if (body == null || body.length == 0) {
            throw V3Error.paramError("The request body is empty; send a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw V3Error.paramError("The request body is not UTF-8");
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw V3Error.paramError("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw V3Error.paramError("The request body must be a JSON object");
        }
        rejectUnstorableCharacters(root, "");
        return new JsonFields(root);
    }

    private static void rejectUnstorableCharacters(JsonNode node, String path) {
        if (node.isString()) {
            if (node.stringValue().codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
                throw V3Error.paramError(display(path) + " contains a character WeChat Pay does not accept "
                        + "(4-byte UTF-8 such as an emoji)");
            }
            if (node.stringValue().indexOf('\0') >= 0) {
                throw V3Error.paramError(display(path) + " contains a NUL character");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().codePoints().anyMatch(Character::isSupplementaryCodePoint)
                        || e.getKey().indexOf('\0') >= 0) {
                    throw V3Error.paramError("A field name contains a 4-byte UTF-8 or NUL character");
                }
                rejectUnstorableCharacters(e.getValue(), path + "/" + e.getKey());
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode element : node.values()) {
                rejectUnstorableCharacters(element, path + "/" + i++);
            }
        }
    }

    /** "/amount/total" as "amount.total". */
    private static String display(String path) {
        return path.isEmpty() ? "the body" : path.substring(1).replace('/', '.');
    }

    /** SHA-256 (hex) of the body in canonical form (keys sorted, no spaces) with a prefix. */
    public String digest(String prefix) {
        StringBuilder canonical = new StringBuilder(prefix).append('\n');
        canonical(root, canonical);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JsonNodeFactory.instance.stringNode(names.get(i))).append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            int i = 0;
            for (JsonNode element : node.values()) {
                if (i++ > 0) {
                    out.append(',');
                }
                canonical(element, out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    /** A notify_url: an absolute http(s) address without a query or fragment (docs/payments.md). */
    public static String notifyUrl(String text) {
        try {
            URI uri = new URI(text);
            if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw V3Error.paramError("notify_url must be an https address without a query string");
            }
            return text;
        } catch (URISyntaxException e) {
            throw V3Error.paramError("notify_url must be an https address without a query string");
        }
    }

    /** A view of a nested object (absent or null: an empty object). */
    public Obj root() {
        return new Obj(root, "");
    }

    /** One JSON object and its path, for field errors. */
    public static final class Obj {

        private final JsonNode node;
        private final String path;

        private Obj(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        private JsonNode present(String name) {
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        private String name(String field) {
            return display(path + "/" + field);
        }

        public boolean has(String name) {
            return present(name) != null;
        }

        public String requiredString(String name, int maxLength) {
            String value = optionalString(name, maxLength);
            if (value == null || value.isEmpty()) {
                throw V3Error.paramError(name(name) + " is required");
            }
            return value;
        }

        public String optionalString(String name, int maxLength) {
            JsonNode value = present(name);
            if (value == null) {
                return null;
            }
            if (!value.isString()) {
                throw V3Error.paramError(name(name) + " must be a string");
            }
            String text = value.stringValue();
            if (text.length() > maxLength) {
                throw V3Error.paramError(name(name) + " is longer than " + maxLength + " characters");
            }
            return text;
        }

        public String matching(String name, Pattern pattern, String rule, boolean required) {
            String value = required ? requiredString(name, Integer.MAX_VALUE) : optionalString(name, Integer.MAX_VALUE);
            if (value != null && !pattern.matcher(value).matches()) {
                throw V3Error.paramError(name(name) + " must be " + rule);
            }
            return value;
        }

        /** An integer that fits the SDK's {@code Integer} fields, within [min, max]. */
        public Integer integer(String name, boolean required, long min) {
            JsonNode value = present(name);
            if (value == null) {
                if (required) {
                    throw V3Error.paramError(name(name) + " is required");
                }
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw V3Error.paramError(name(name) + " must be an integer");
            }
            int number = value.intValue();
            if (number < min) {
                throw V3Error.paramError(name(name) + " must be at least " + min);
            }
            return number;
        }

        public void optionalBoolean(String name) {
            JsonNode value = present(name);
            if (value != null && !value.isBoolean()) {
                throw V3Error.paramError(name(name) + " must be true or false");
            }
        }

        /** A boolean, or {@code null} when absent. */
        public Boolean bool(String name, boolean required) {
            JsonNode value = present(name);
            if (value == null) {
                if (required) {
                    throw V3Error.paramError(name(name) + " is required");
                }
                return null;
            }
            if (!value.isBoolean()) {
                throw V3Error.paramError(name(name) + " must be true or false");
            }
            return value.booleanValue();
        }

        public Obj object(String name, boolean required) {
            JsonNode value = present(name);
            if (value == null) {
                if (required) {
                    throw V3Error.paramError(name(name) + " is required");
                }
                return new Obj(null, path + "/" + name);
            }
            if (!value.isObject()) {
                throw V3Error.paramError(name(name) + " must be an object");
            }
            return new Obj(value, path + "/" + name);
        }

        public boolean present() {
            return node != null;
        }

        /** The elements of an array of objects (empty when absent). */
        public List<Obj> objects(String name) {
            return array(name).stream().map(i -> {
                JsonNode element = node.get(name).get(i);
                if (!element.isObject()) {
                    throw V3Error.paramError(name(name) + "[" + i + "] must be an object");
                }
                return new Obj(element, path + "/" + name + "/" + i);
            }).toList();
        }

        /** The strings of an array of strings (empty when absent). */
        public List<String> strings(String name) {
            return array(name).stream().map(i -> {
                JsonNode element = node.get(name).get(i);
                if (!element.isString()) {
                    throw V3Error.paramError(name(name) + "[" + i + "] must be a string");
                }
                return element.stringValue();
            }).toList();
        }

        private List<Integer> array(String name) {
            JsonNode value = present(name);
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                throw V3Error.paramError(name(name) + " must be an array");
            }
            return java.util.stream.IntStream.range(0, value.size()).boxed().toList();
        }
    }
}
