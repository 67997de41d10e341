package io.mediaconnector.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte to a socket and the answer read back, for requests no client
 * library would send (malformed URIs and headers, ambiguous framing, truncated messages).
 */
public final class RawHttp {
    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** What came back: the status line's code (0 when nothing came), headers (lower-case names), body. */
    public record Answer(int status, Map<String, String> headers, String body, boolean timedOut, String raw) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean closedWithoutAnswer() {
            return status == 0 && !timedOut;
        }
    }

    /**
     * Sends {@code request}; with {@code endOutput} the socket's output is shut afterwards (the
     * client is done, as a truncated request needs). Reads one answer, waiting at most {@code wait}.
     */
    public Answer exchange(byte[] request, boolean endOutput, Duration wait) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (endOutput) {
                    socket.shutdownOutput();
                }
            } catch (SocketException refusedEarly) {
                // the server answered and closed before it read everything; its answer follows
            }
            boolean head = request.length > 4 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
            return read(socket.getInputStream(), head);
        }
    }

    public Answer exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), false, Duration.ofSeconds(15));
    }

    /** Reads the final answer, passing over interim ones ({@code 100 Continue}). */
    private static Answer read(InputStream in, boolean toHead) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        boolean timedOut = false;
        try {
            String head;
            do {
                seen.reset();
                int headEnd = -1;
                while (headEnd < 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    seen.write(b);
                    headEnd = endOfHead(seen);
                }
                if (headEnd < 0) {
                    return new Answer(0, Map.of(), "", false, seen.toString(StandardCharsets.ISO_8859_1));
                }
                head = seen.toString(StandardCharsets.ISO_8859_1);
            } while (head.matches("(?s)HTTP/1\\.\\d 1\\d\\d .*"));
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = head.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            byte[] body = toHead ? new byte[0] : body(in, headers, status);
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), false, head);
        } catch (SocketTimeoutException e) {
            timedOut = true;
        } catch (SocketException reset) {
            // connection reset: whatever arrived is the answer
        }
        return new Answer(0, Map.of(), "", timedOut, seen.toString(StandardCharsets.ISO_8859_1));
    }

    private static byte[] body(InputStream in, Map<String, String> headers, int status) throws IOException {
        if (status == 204 || status == 304 || status / 100 == 1) {
            return new byte[0];
        }
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in).trim();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
                if (n == 0) {
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        return in.readAllBytes(); // delimited by the close
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    private static int endOfHead(ByteArrayOutputStream seen) {
        int n = seen.size();
        if (n < 4) {
            return -1;
        }
        byte[] bytes = seen.toByteArray();
        return bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n' ? n : -1;
    }

    /** The bytes as a Java string literal, so a failing request can be pasted into a test. */
    public static String literal(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte value : bytes) {
            int b = value & 0xFF;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\u%04x", b));
            }
        }
        return out.append('"').toString();
    }
}
