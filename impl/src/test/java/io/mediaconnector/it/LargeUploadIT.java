package io.mediaconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.mediaconnector.upload.LargeUploadServerMain;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams a 2 GiB Put Blob, generated on the fly, into a server running in a child JVM with
 * {@code -Xmx256m}: if the endpoint buffered the body it would die of OutOfMemoryError.
 * Run with {@code mvn verify -Pfull}.
 */
@Tag("large")
class LargeUploadIT {

    private static final long SIZE = 2L << 30;

    @TempDir
    Path dir;

    @Test
    void twoGibibytesStreamUnderA256MegabyteHeap() throws Exception {
        String container = "asset-" + java.util.UUID.randomUUID();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LargeUploadServerMain.class.getName(), dir.resolve("store").toString(), container, "big.mp4")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("URL ")) {
                line = out.readLine(); // the child's log lines come first
            }
            assertThat(line).startsWith("URL ");
            Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "child-stdout");
            drain.setDaemon(true);
            drain.start();
            HttpURLConnection connection = (HttpURLConnection) URI.create(line.substring(4)).toURL().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(SIZE);
            connection.setRequestProperty("x-ms-blob-type", "BlockBlob");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] chunk = new byte[1 << 20];
            long started = System.nanoTime();
            try (OutputStream body = connection.getOutputStream()) {
                for (long sent = 0; sent < SIZE; sent += chunk.length) {
                    chunk[0] = (byte) sent;
                    chunk[chunk.length - 1] = (byte) (sent >>> 20);
                    md5.update(chunk);
                    body.write(chunk);
                }
            }
            int status = connection.getResponseCode();
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(status).isEqualTo(201);
            assertThat(connection.getHeaderField("Content-MD5")).isEqualTo(Base64.getEncoder().encodeToString(md5.digest()));
            System.out.printf("LargeUploadIT: %d MiB in %.1f s = %.0f MB/s%n", SIZE >> 20, seconds, SIZE / 1e6 / seconds);
            try (Stream<Path> files = Files.walk(dir.resolve("store/blobs"))) {
                List<Path> blobs = files.filter(p -> p.getFileName().toString().equals("big.mp4#blob")).toList();
                assertThat(blobs).hasSize(1);
                long stored = 0;
                try (Stream<Path> blocks = Files.list(blobs.get(0))) {
                    for (Path block : (Iterable<Path>) blocks.filter(p -> p.toString().endsWith(".blk"))::iterator) {
                        stored += Files.size(block);
                    }
                }
                assertThat(stored).isEqualTo(SIZE);
            }
            child.getOutputStream().close();
            assertThat(child.waitFor()).isZero();
        } finally {
            child.destroy();
        }
    }
}
