package io.mediaconnector.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Builds requests from the contract's operations and the service's other routes, valid and
 * hostile: malformed escapes and illegal characters, odd methods, bodies where none belong,
 * duplicate, oversized and malformed headers, ambiguous framing, truncated and stalled messages,
 * random JSON. Deterministic for a seed.
 */
public final class HostileRequests {
    /** What the fuzz sent and what it meant by it, for judging the answer. */
    public record Sent(byte[] bytes, String method, String rawPath, boolean endOutput, boolean headerTruncated,
                       boolean bodyTruncated, boolean stalls, boolean hostile) {
    }

    private static final String[] ODD_METHODS = {"HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT", "FOO", "get", "G@T", "PUT",
            "DELETE", "POST", "GET"};
    private static final String[] PATH_JUNK = {"%", "%z", "%zz", "%4", "%%", "{", "}", "|", "\\", "^", "`", "\"", "<", ">",
            "#", "\u00c3\u00a4", "\u0001", "\u007f", "%00", "%2F", "%2e%2e", "/..", "/.", "//", "%C3%A4", "~", ";x=1", ":", "@"};
    private static final String[] QUERY_JUNK = {"a=%", "%zz", "a=|", "a={}", "a=%ZZ", "&&&", "=", "a=\u00ff", "a=%00",
            "endpointType=", "pageSize=99999999999999999999", "tag=" + "t".repeat(70), "token=x"};
    private static final String[] ACCEPTS = {"application/json", "*/*", "text/html", "application/xml", "text/html;q=abc",
            "\u00ff\u00fe", "application/problem+json", "image/*", "application/json;q=0", ",,,", "application/*"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", ";;;", "application/json; charset=utf-16",
            "multipart/form-data", "application/x-www-form-urlencoded", "application/json;charset=\u00ff"};
    private static final String[] BAD_HOSTS = {"a b", "[::1", "x:abc", "x/y", "", "localhost:99999", "-x-", "a..b", "[zz]",
            "x_y", "\u00e4.example"};

    private final Random random;
    private final Fixtures fixtures;
    private final SpecOperations spec;
    private final int port;

    public HostileRequests(long seed, Fixtures fixtures, SpecOperations spec, int port) {
        this.random = new Random(seed);
        this.fixtures = fixtures;
        this.spec = spec;
        this.port = port;
    }

    public Sent next() {
        boolean hostile = false;
        String method;
        String path;
        String query = null;
        boolean jsonBody;
        int route = random.nextInt(100);
        if (route < 70) {
            SpecOperations.Op op = spec.all().get(random.nextInt(spec.all().size()));
            method = op.method();
            path = fill(op.template());
            query = query(op);
            jsonBody = op.hasBody();
        } else {
            String[] other = otherRoute();
            method = other[0];
            path = other[1];
            query = other[2];
            jsonBody = false;
        }
        if (chance(20)) {
            method = pick(ODD_METHODS);
        }
        if (chance(10)) {
            path = insert(path, pick(PATH_JUNK));
            hostile = true;
        }
        if (chance(5)) {
            query = (query == null ? "" : query + "&") + pick(QUERY_JUNK);
            hostile = true;
        }
        if (chance(1)) {
            path = path + "/" + "x".repeat(random.nextBoolean() ? 3_000 : 40_000);
            hostile = true;
        }

        List<String> headers = new ArrayList<>();
        host(headers);
        authorization(headers);
        if (chance(40)) {
            headers.add("Accept: " + pick(ACCEPTS));
        }
        if (chance(5)) {
            headers.add("If-None-Match: " + (random.nextBoolean() ? "\"1\"" : "*"));
        }
        if (chance(5)) {
            headers.add("If-Match: " + (random.nextBoolean() ? "\"1\"" : "\"999\""));
        }
        if (path.startsWith("/blob/") && chance(60)) {
            headers.add("x-ms-blob-type: " + (chance(80) ? "BlockBlob" : "PageBlob"));
        }
        if (chance(3)) {
            headers.add("Repeatability-Request-ID: " + UUID.randomUUID());
        }
        hostile |= junkHeaders(headers);
        if (chance(80)) {
            headers.add("Connection: close");
        }

        byte[] body = null;
        if (jsonBody || method.equals("POST") || method.equals("PUT") || chance(3)) {
            if (jsonBody || chance(50)) {
                body = json().getBytes(StandardCharsets.UTF_8);
            } else if (chance(50)) {
                body = bytes(random.nextInt(64));
            }
        }
        boolean chunked = false;
        int declaredLength = -1;
        boolean truncatedBody = false;
        boolean stalls = false;
        if (body != null) {
            headers.add("Content-Type: " + (chance(85) ? "application/json" : pick(CONTENT_TYPES)));
            int framing = random.nextInt(1000);
            if (framing < 100) {
                chunked = true;
                headers.add("Transfer-Encoding: chunked");
            } else if (framing < 130) {
                truncatedBody = true;
                declaredLength = body.length + 1 + random.nextInt(100);
                headers.add("Content-Length: " + declaredLength);
            } else if (framing < 132) {
                stalls = true;
                headers.add("Content-Length: " + (body.length + 10));
            } else {
                headers.add("Content-Length: " + body.length);
            }
        }

        String target = path + (query == null ? "" : "?" + query);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ')
                .append(chance(2) ? pick(new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "http/1.1", ""}) : "HTTP/1.1")
                .append("\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(chunked ? chunk(body) : body);
        }
        byte[] bytes = out.toByteArray();

        boolean headerTruncated = false;
        if (chance(1)) {
            int cut = 1 + random.nextInt(head.length() - 1);
            byte[] shorter = new byte[cut];
            System.arraycopy(bytes, 0, shorter, 0, cut);
            bytes = shorter;
            headerTruncated = true;
            stalls = random.nextInt(10) == 0; // now and then left open: the header deadline must end it
            truncatedBody = false;
        }
        boolean endOutput = !stalls && (headerTruncated || truncatedBody || chance(30));
        return new Sent(bytes, method, path, endOutput, headerTruncated, truncatedBody && endOutput, stalls,
                hostile || headerTruncated);
    }

    private String fill(String template) {
        String path = template;
        if (path.contains("{id}")) {
            int which = random.nextInt(100);
            String id = which < 60 ? fixtures.videoId() : which < 70 ? fixtures.protectedId() : which < 80
                    ? fixtures.foreignVideo() : which < 90 ? UUID.randomUUID().toString()
                    : pick(new String[] {"abc", "%41", "..", "0", fixtures.videoId().toUpperCase(), "x".repeat(300)});
            path = path.replace("{id}", id);
        }
        path = path.replace("{accountId}", chance(80) ? fixtures.accountId() : UUID.randomUUID().toString());
        path = path.replace("{keyId}", chance(50) ? UUID.randomUUID().toString() : "nope");
        path = path.replace("{index}", pick(new String[] {"0", "1", "99999999", "-1", "x", "2147483648"}));
        return path;
    }

    private String query(SpecOperations.Op op) {
        List<String> pairs = new ArrayList<>();
        for (String name : op.queryNames()) {
            if (!chance(70)) {
                continue;
            }
            String value = switch (name) {
                case "endpointType" -> pick(new String[] {"HLS", "DASH", "Streaming", "Progressive", "Foo", ""});
                case "pageSize" -> pick(new String[] {"1", "20", "100", "0", "-1", "abc", "101"});
                case "status" -> pick(new String[] {"Created", "Processing", "Completed", "Failed", "Nope"});
                case "KeyId" -> chance(50) ? fixtures.keyId() : UUID.randomUUID().toString();
                case "pageToken" -> pick(new String[] {"abc", "eyJ4Ijoie30", "%2F%2F"});
                default -> "x";
            };
            pairs.add(name + "=" + value);
        }
        return pairs.isEmpty() ? null : String.join("&", pairs);
    }

    /** {method, path, query}: routes outside the contract. */
    private String[] otherRoute() {
        int pick = random.nextInt(9);
        String upload = fixtures.uploadPath();
        int q = upload.indexOf('?');
        return switch (pick) {
            case 0, 1 -> new String[] {"PUT", upload.substring(0, q), upload.substring(q + 1)
                    + (chance(30) ? "&comp=block&blockid=" + pick(new String[] {"QUFBQQ==", "bad!", ""}) : "")};
            case 2 -> new String[] {"GET", upload.substring(0, q), chance(50) ? upload.substring(q + 1) : "comp=blocklist"};
            case 3 -> new String[] {random.nextBoolean() ? "GET" : "POST",
                    "/keys/" + fixtures.protectedId() + "/" + fixtures.keyId() + (chance(50) ? "/clearkey" : ""),
                    chance(50) ? "token=" + (chance(50) ? fixtures.token() : "x.y.z") : null};
            case 4 -> new String[] {"GET", "/stream/" + UUID.randomUUID() + "/final/hls/master.m3u8", null};
            case 5 -> new String[] {"GET", pick(new String[] {"/openapi.yaml", "/docs", "/docs/", "/health", "/metrics"}), null};
            case 6 -> new String[] {"GET", pick(new String[] {"/", "/api", "/api/", "/favicon.ico", "/blob", "/blob/x",
                    "/keys", "/api/Videos/", "//api/Videos"}), null};
            case 7 -> new String[] {"OPTIONS", "/keys/" + fixtures.protectedId() + "/" + fixtures.keyId(), null};
            default -> new String[] {"PUT", "/blob/asset-" + UUID.randomUUID() + "/x.mp4", "sv=2024-11-04&sig=x"};
        };
    }

    private void host(List<String> headers) {
        int which = random.nextInt(100);
        if (which < 90) {
            headers.add("Host: localhost:" + port);
        } else if (which < 93) {
            headers.add("Host: localhost:" + port);
            headers.add("Host: other");
        } else if (which < 95) {
            return; // none
        } else {
            headers.add("Host: " + pick(BAD_HOSTS));
        }
    }

    private void authorization(List<String> headers) {
        int which = random.nextInt(100);
        if (which < 70) {
            headers.add("Authorization: Bearer " + fixtures.key());
        } else if (which < 80) {
            headers.add("Authorization: Bearer " + fixtures.adminKey());
        } else if (which < 90) {
            headers.add("Authorization: " + pick(new String[] {"Bearer x", "Basic YTpi", "Bearer \u00ff\u00fe", "Bearer",
                    "Bearer " + fixtures.token(), "bearer " + fixtures.key()}));
        }
    }

    /** Adds now and then a header that breaks the rules; true when one was added. */
    private boolean junkHeaders(List<String> headers) {
        if (!chance(15)) {
            return false;
        }
        switch (random.nextInt(16)) {
            case 0 -> headers.add("NoColonHere");
            case 1 -> headers.add(": empty-name");
            case 2 -> headers.add("Bad Name: x");
            case 3 -> headers.add("X-Nul: a\u0000b");
            case 4 -> {
                for (int i = 0; i < 120; i++) {
                    headers.add("X-Many-" + i + ": v");
                }
            }
            case 5 -> headers.add("X-Big: " + "a".repeat(30_000));
            case 6 -> {
                headers.add("Content-Length: 1");
                headers.add("Content-Length: 2");
            }
            case 7 -> {
                headers.add("Content-Length: 3");
                headers.add("Transfer-Encoding: chunked");
            }
            case 8 -> headers.add("Content-Length: -" + (1 + random.nextInt(100)));
            case 9 -> headers.add("Content-Length: abc");
            case 10 -> headers.add("Transfer-Encoding: " + pick(new String[] {"gzip", "chunked, gzip", "identity", "chunkedx"}));
            case 11 -> headers.add("Expect: " + pick(new String[] {"banana", "100-continue"}));
            case 12 -> headers.add("X-Folded: a\r\n b");
            case 13 -> headers.add("X-Ctl: \u0001\u0002\u007f");
            case 14 -> headers.add("X-Utf8: \u00c3\u00a4");
            default -> headers.add("Content-Length: 99999999999999999999");
        }
        return true;
    }

    private String json() {
        int kind = random.nextInt(10);
        return switch (kind) {
            case 0, 1 -> "{\"OriginalFileName\":\"" + pick(new String[] {"clip.mp4", "a.mov", "x", "", "a.exe"}) + "\""
                    + (chance(30) ? ",\"ContentProtectionMode\":\"" + pick(new String[] {"None", "AES128", "Foo"}) + "\"" : "")
                    + (chance(20) ? ",\"Tags\":[\"a\",\"b\"]" : "") + "}";
            case 2 -> "{\"Name\":\"" + "n".repeat(random.nextInt(300)) + "\",\"Scopes\":[\"read\"]}";
            case 3 -> value(0);
            case 4 -> "{\"OriginalFileName\":";
            case 5 -> "[" .repeat(random.nextInt(2000));
            case 6 -> "{\"Metadata\":{\"k\":\"v\"},\"Tags\":\"notalist\"}";
            case 7 -> "null";
            case 8 -> "\"\u00e4\u0000\"";
            default -> "{\"Sneaky\":true,\"OriginalFileName\":\"a.mp4\"}";
        };
    }

    private String value(int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "\"" + "s".repeat(random.nextInt(20)) + "\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> String.valueOf(random.nextDouble());
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(value(depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                String[] names = {"OriginalFileName", "Name", "Tags", "Metadata", "Scopes", "x", "Description"};
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.append('"').append(pick(names)).append("\":").append(value(depth + 1)).append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    private static byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String insert(String path, String junk) {
        int at = 1 + random.nextInt(Math.max(1, path.length() - 1));
        return path.substring(0, at) + junk + path.substring(at);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }
}
