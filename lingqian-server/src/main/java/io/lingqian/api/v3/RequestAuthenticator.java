package io.lingqian.api.v3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import io.lingqian.credentials.MerchantCredentials;
import io.lingqian.merchant.Merchant;
import io.lingqian.merchant.MerchantAccounts;
import io.lingqian.merchant.MerchantStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Verifies {@code Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",
 * serial_no="…",signature="…"} (reference §1.2–1.3) and, when it holds, makes the merchant the
 * request's principal.
 *
 * <p>The signed message is built from the request exactly as it arrived: the raw path and query
 * (never decoded, re-encoded or re-ordered) and the raw body bytes. The body is read once here and
 * replayed to the controller.
 */
final class RequestAuthenticator extends OncePerRequestFilter {

    static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
    static final String ROLE = "ROLE_MERCHANT_API";
    /** The SDK refuses a response 5 whole minutes off its clock; we refuse requests the same way. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** No v3 request body comes near this; a bigger one is refused before it fills memory. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Pattern PARAMETER = Pattern.compile("\\s*([a-z_]+)=\"([^\"]*)\"\\s*(,|$)");
    private static final Set<String> FIELDS = Set.of("mchid", "nonce_str", "timestamp", "serial_no", "signature");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

    private final MerchantAccounts merchants;
    private final MerchantCredentials credentials;
    private final NonceRegistry nonces;
    private final SignatureTime time;
    private final V3ErrorWriter errors;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    RequestAuthenticator(MerchantAccounts merchants, MerchantCredentials credentials, NonceRegistry nonces,
            SignatureTime time, V3ErrorWriter errors) {
        this.merchants = merchants;
        this.credentials = credentials;
        this.nonces = nonces;
        this.time = time;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CachedBodyRequest cached;
        MerchantApiCaller caller;
        try {
            cached = new CachedBodyRequest(request, readBody(request));
            caller = authenticate(cached);
        } catch (V3Error refused) {
            errors.write(response, refused);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority(ROLE))));
        contexts.setContext(context);
        chain.doFilter(cached, response);
    }

    private MerchantApiCaller authenticate(HttpServletRequest request) {
        Map<String, String> fields = parse(request.getHeader(HttpHeaders.AUTHORIZATION));

        Merchant merchant = merchants.merchantByMchid(fields.get("mchid"))
                .orElseThrow(() -> new V3Error(HttpStatus.BAD_REQUEST, V3Error.MCH_NOT_EXISTS,
                        "No merchant with mchid " + fields.get("mchid")));
        if (merchant.status() != MerchantStatus.ACTIVE) {
            throw new V3Error(HttpStatus.FORBIDDEN, V3Error.NO_AUTH, "The merchant is not active");
        }

        String timestamp = fields.get("timestamp");
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            throw V3Error.signError("timestamp must be Unix seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, time.now()).abs().compareTo(WINDOW) >= 0) {
            throw V3Error.signError("timestamp is more than 5 minutes away from the server time; check your clock");
        }

        String serialNo = fields.get("serial_no");
        PublicKey key = credentials.verificationKey(merchant.id(), serialNo)
                .orElseThrow(() -> V3Error.signError("serial_no " + serialNo
                        + " is not an active API certificate of merchant " + fields.get("mchid")));

        CachedBodyRequest cached = (CachedBodyRequest) request;
        if (!verifies(key, message(cached, timestamp, fields.get("nonce_str")), fields.get("signature"))) {
            throw V3Error.signError("signature does not match the request (method, path and query, timestamp, "
                    + "nonce and body, each followed by \\n)");
        }
        if (!nonces.firstUse(merchant.mchid().orElseThrow(), fields.get("nonce_str"), signedAt.plus(WINDOW))) {
            throw V3Error.signError("nonce_str was used before: a replayed request is refused");
        }
        // A query naming a merchant must name the one that signed (bodies are checked by each endpoint).
        Optional<String> queryMchid = queryParameter(request, "mchid");
        if (queryMchid.isPresent()) {
            new MerchantApiCaller(merchant.id(), fields.get("mchid"), serialNo).requireMchid(queryMchid.get());
        }
        return new MerchantApiCaller(merchant.id(), fields.get("mchid"), serialNo);
    }

    /** Order-independent {@code k="v"} pairs after the scheme; each of the five fields exactly once. */
    private static Map<String, String> parse(String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEME + " ")) {
            throw V3Error.signError("Authorization must be " + SCHEME + " mchid=\"…\",nonce_str=\"…\",timestamp=\"…\","
                    + "serial_no=\"…\",signature=\"…\"");
        }
        String parameters = authorization.substring(SCHEME.length() + 1);
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(parameters);
        int end = 0;
        while (end < parameters.length() && matcher.find(end) && matcher.start() == end) {
            String name = matcher.group(1);
            if (FIELDS.contains(name) && fields.putIfAbsent(name, matcher.group(2)) != null) {
                throw V3Error.signError("Authorization names " + name + " twice");
            }
            end = matcher.end();
        }
        if (end != parameters.length() || !fields.keySet().containsAll(FIELDS)) {
            throw V3Error.signError("Authorization needs mchid, nonce_str, timestamp, serial_no and signature, "
                    + "each as name=\"value\", separated by commas");
        }
        String nonce = fields.get("nonce_str");
        if (nonce.isEmpty() || nonce.length() > 64) {
            throw V3Error.signError("nonce_str must be 1 to 64 characters");
        }
        return fields;
    }

    /** METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n with the path, query and body exactly as received. */
    private static byte[] message(CachedBodyRequest request, String timestamp, String nonce) {
        String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        byte[] head = (request.getMethod() + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = request.body();
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        return message;
    }

    private static boolean verifies(PublicKey key, byte[] message, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException notASignature) {
            return false;
        }
    }

    private static Optional<String> queryParameter(HttpServletRequest request, String name) {
        if (request.getQueryString() == null) {
            return Optional.empty();
        }
        List<String> values = UriComponentsBuilder.newInstance().query(request.getQueryString()).build()
                .getQueryParams().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                body.write(buffer, 0, read);
                if (body.size() > MAX_BODY_BYTES) {
                    throw V3Error.invalidRequest("the request body is larger than " + MAX_BODY_BYTES + " bytes");
                }
            }
        }
        return body.toByteArray();
    }

    /** The request with its body read once, served again to whoever reads it next. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        byte[] body() {
            return body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
