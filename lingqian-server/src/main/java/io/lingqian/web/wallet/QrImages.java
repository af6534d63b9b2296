package io.lingqian.web.wallet;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads the text of a QR code from an uploaded picture (PNG, JPEG, GIF, BMP), the wallet's stand-in
 * for a phone camera. The size is checked from the header before the pixels are decoded, so a
 * small file that claims a huge image cannot exhaust memory.
 */
final class QrImages {

    static final long MAX_PIXELS = 20_000_000L;

    private QrImages() {
    }

    /** The QR code's text; empty when the picture is not an image we read or holds no readable QR code. */
    static Optional<String> decode(byte[] picture) {
        if (picture == null || picture.length == 0) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(picture))) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return Optional.empty();
                }
                BufferedImage image = reader.read(0);
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
                return Optional.of(new QRCodeReader().decode(bitmap, Map.of(
                        DecodeHintType.TRY_HARDER, Boolean.TRUE,
                        DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE))).getText());
            } finally {
                reader.dispose();
            }
        } catch (ReaderException | IOException | RuntimeException e) {
            // not an image, a damaged one, or no QR code in it: all "unreadable" to the user
            return Optional.empty();
        }
    }
}
