package io.shipwatch.loadtest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Encoded histograms whose header claims what a client chose: a real encoding with its precision and range rewritten. */
public final class HostileHistograms {
    private HostileHistograms() {
    }

    /** A one-sample histogram at {@code unitsPerMs} that declares {@code digits} significant digits up to {@code highest}. */
    public static String claiming(int unitsPerMs, int digits, long highest) {
        LatencyHistogram h = new LatencyHistogram(1);
        h.record(12);
        String encoded = h.encode();
        byte[] bytes = Base64.getDecoder().decode(encoded.substring(encoded.indexOf(':') + 1));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int cookie = in.getInt();
        in.getInt();
        byte[] plain = inflate(bytes, 8);
        ByteBuffer header = ByteBuffer.wrap(plain);
        header.putInt(12, digits);
        header.putLong(24, highest);
        Deflater deflater = new Deflater();
        deflater.setInput(plain);
        deflater.finish();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            deflated.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteBuffer out = ByteBuffer.allocate(8 + deflated.size());
        out.putInt(cookie).putInt(deflated.size()).put(deflated.toByteArray());
        return unitsPerMs + ":" + Base64.getEncoder().encodeToString(out.array());
    }

    private static byte[] inflate(byte[] bytes, int offset) {
        Inflater inflater = new Inflater();
        inflater.setInput(bytes, offset, bytes.length - offset);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                out.write(buffer, 0, inflater.inflate(buffer));
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
