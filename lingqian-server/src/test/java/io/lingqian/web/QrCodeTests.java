package io.lingqian.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.lingqian.testing.ServerTest;
import io.lingqian.testing.TestUsers;

/** The wallet's QR codes are PNGs a scanner reads back, for signed-in wallet users only. */
@ServerTest
class QrCodeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Test
    void aQrCodeScansBackToItsText() throws Exception {
        MockHttpSession session = walletSession();
        byte[] png = mvc.perform(get("/wallet/qr.png").param("text", "lingqian://pay/42").session(session))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andReturn().getResponse().getContentAsByteArray();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo("lingqian://pay/42");
    }

    @Test
    void overLongTextIsRefused() throws Exception {
        mvc.perform(get("/wallet/qr.png").param("text", "x".repeat(257)).session(walletSession()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void strangersGetNoQrCode() throws Exception {
        mvc.perform(get("/wallet/qr.png").param("text", "hello")).andExpect(status().is3xxRedirection());
    }

    private MockHttpSession walletSession() throws Exception {
        String mobile = users.walletUser().mobile();
        return (MockHttpSession) mvc.perform(formLogin("/wallet/login").user("mobile", mobile)
                        .password(TestUsers.PASSWORD))
                .andReturn().getRequest().getSession(false);
    }
}
