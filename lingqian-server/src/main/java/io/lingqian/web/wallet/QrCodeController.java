package io.lingqian.web.wallet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Draws QR codes for the wallet as PNG, on the server, so that the phone needs no script to show a
 * payment or receive code.
 */
@Controller
class QrCodeController {

    /**
     * Payment and receive codes are short URLs; the limit keeps the image scannable by a phone camera
     * and the cost of one request small.
     */
    static final int MAX_TEXT_LENGTH = 256;
    private static final int SIZE_PX = 240;

    @GetMapping(value = "/wallet/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrCode(@RequestParam String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return ResponseEntity.badRequest().build();
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE_PX, SIZE_PX, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    // A code may identify the user: never kept by a shared cache.
                    .cacheControl(CacheControl.noStore())
                    .body(png.toByteArray());
        } catch (WriterException e) {
            return ResponseEntity.badRequest().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
