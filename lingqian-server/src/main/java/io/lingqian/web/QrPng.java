package io.lingqian.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** A QR code as a PNG, drawn on the server, for links a console shows to be scanned with a phone. */
public final class QrPng {

    private static final int SIZE_PX = 240;

    private QrPng() {
    }

    /** The PNG of {@code text} (a short URL: at most 256 characters). */
    public static byte[] of(String text) {
        if (text.isEmpty() || text.length() > 256) {
            throw new IllegalArgumentException("a QR code here holds 1 to 256 characters");
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE_PX, SIZE_PX,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET,
                            "UTF-8", EncodeHintType.MARGIN, 2)), "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code of this text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
