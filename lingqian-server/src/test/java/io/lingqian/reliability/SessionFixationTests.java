package io.lingqian.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.lingqian.staff.StaffRole;
import io.lingqian.testing.DemoEnvironmentTest;
import io.lingqian.testing.TestUsers;

/**
 * Session fixation, over real HTTP against the real servlet container (MockMvc's sessions are plain
 * objects and prove nothing about cookies): an attacker who plants a session id in a victim's
 * browser before the victim signs in must not be signed in by the victim's sign-in. So the server
 * issues a new session id at every sign-in, the planted one stays anonymous, the cookie is out of
 * reach of scripts, and signing out ends the sign-in on the id that had it.
 */
@DemoEnvironmentTest
class SessionFixationTests {

    private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    /** Never follows redirects and keeps no cookies: each test says exactly which session id it sends. */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aWalletSignInIssuesANewSessionIdAndThePlantedOneStaysSignedOut() throws Exception {
        theSignInReplacesThePlantedSession("/wallet", "mobile", users.walletUser().mobile());
    }

    @Test
    void aMerchantPortalSignInIssuesANewSessionIdAndThePlantedOneStaysSignedOut() throws Exception {
        theSignInReplacesThePlantedSession("/merchant", "email", users.merchantUser().email());
    }

    @Test
    void aStaffSignInIssuesANewSessionIdAndThePlantedOneStaysSignedOut() throws Exception {
        theSignInReplacesThePlantedSession("/admin", "username", users.staff(StaffRole.SUPPORT).username());
    }

    private void theSignInReplacesThePlantedSession(String console, String loginField, String login) throws Exception {
        // The attacker opens the login page and gets a session id (and that session's CSRF token)...
        HttpResponse<String> loginPage = send(get(console + "/login"));
        String planted = sessionIdSetBy(loginPage);
        assertThat(loginPage.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.contains("HttpOnly"));
        String csrfToken = csrfTokenIn(loginPage.body());

        // ...and the victim signs in with it.
        HttpResponse<String> signedIn = send(post(console + "/login", planted,
                loginField + "=" + encode(login) + "&password=" + encode(TestUsers.PASSWORD) + "&_csrf="
                        + encode(csrfToken)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(console));
        String issued = sessionIdSetBy(signedIn);
        assertThat(issued).isNotEqualTo(planted);

        // The planted id opens nothing; the issued one opens the console.
        assertThat(send(get(console, planted)).statusCode()).isEqualTo(302);
        assertThat(send(get(console, issued)).statusCode()).isEqualTo(200);

        // Signing out ends the sign-in on the issued id too.
        String consoleCsrf = csrfTokenIn(send(get(console, issued)).body());
        HttpResponse<String> signedOut = send(post(console + "/logout", issued, "_csrf=" + encode(consoleCsrf)));
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(send(get(console, issued)).statusCode()).isEqualTo(302);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest get(String path, String sessionId) {
        return HttpRequest.newBuilder(uri(path)).header("Cookie", "JSESSIONID=" + sessionId).GET().build();
    }

    private HttpRequest post(String path, String sessionId, String form) {
        return HttpRequest.newBuilder(uri(path))
                .header("Cookie", "JSESSIONID=" + sessionId)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String sessionIdSetBy(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream().map(SESSION_COOKIE::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie set; Set-Cookie: " + cookies));
    }

    private static String csrfTokenIn(String html) {
        Matcher matcher = CSRF_FIELD.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
