package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * What a request must be before any handler sees it (RFC 9110/9112, RFC 3986): a token method,
 * HTTP/1.1 or 1.0, a request target of URI characters with well-formed percent-escapes, one
 * well-formed Host, and one unambiguous way to find where the body ends. Grizzly's codec is
 * lenient about all of these, and Jersey fails on some of them with a 500 (it builds a
 * {@link URI} from the target and the Host header), so they are checked once, here.
 */
final class RequestChecks {
    private static final boolean[] TCHAR = table("!#$%&'*+-.^_`|~0123456789"
            + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    /** RFC 3986 pchar without '%' (checked apart) plus '/': what a path may hold. */
    private static final boolean[] PATH = table("-._~!$&'()*+,;=:@/"
            + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    /** A query may also hold '?'. */
    private static final boolean[] QUERY = with(PATH, "?");
    /** An authority (absolute-form targets): reg-name, IP literal, userinfo and port characters. */
    private static final boolean[] AUTHORITY = with(PATH, "[]");

    private RequestChecks() {
    }

    /** The checks that need the request as the client sent it, before Grizzly interprets it. */
    static Optional<Refusal> asSent(HttpRequestPacket request) {
        if (!isHttp11Or10(request.getProtocolDC())) {
            return Optional.of(Refusal.invalid("Only HTTP/1.1 and HTTP/1.0 are served here."));
        }
        if (!isToken(request.getMethodDC())) {
            return Optional.of(Refusal.invalid("The request method is not a valid token."));
        }
        Optional<Refusal> target = target(request.getRequestURIRef().getRequestURIBC(), request.getQueryStringDC());
        if (target.isPresent()) {
            return target;
        }
        if (request.getProtocolDC().equals("HTTP/1.1") && !request.getHeaders().contains("host")
                && Chunks.byteAt(request.getRequestURIRef().getRequestURIBC(), 0) == '/') {
            return Optional.of(Refusal.malformedHeader("An HTTP/1.1 request carries a Host header."));
        }
        return framing(request);
    }

    /** The checks of what Grizzly made of the request: the Host it settled on. */
    static Optional<Refusal> asUnderstood(HttpRequestPacket request) {
        MimeHeaders headers = request.getHeaders();
        int hosts = 0;
        DataChunk host = null;
        for (int i = 0; i < headers.size(); i++) {
            if (Chunks.equalsIgnoreCase(headers.getName(i), "host")) {
                hosts++;
                host = headers.getValue(i);
            }
        }
        if (hosts > 1) {
            return Optional.of(Refusal.malformedHeader("A request carries one Host header, not " + hosts + "."));
        }
        if (host != null && !isValidHost(host.toString().trim())) {
            return Optional.of(Refusal.malformedHeader("The Host header is not a host name or address with an optional port."));
        }
        return Optional.empty();
    }

    /** Whether the name of a header field is a token (RFC 9110 §5.1): no spaces, colons or line breaks. */
    static boolean isHeaderName(int b) {
        return b < 128 && TCHAR[b];
    }

    static boolean isHttp11Or10(DataChunk protocol) {
        return protocol.equals("HTTP/1.1") || protocol.equals("HTTP/1.0");
    }

    private static boolean isToken(DataChunk method) {
        int length = Chunks.length(method);
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isHeaderName(Chunks.byteAt(method, i))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Refusal> target(DataChunk path, DataChunk query) {
        int length = Chunks.length(path);
        if (length == 0) {
            return Optional.of(Refusal.malformedUri("The request target is empty."));
        }
        int start = 0;
        if (Chunks.byteAt(path, 0) != '/') {
            start = authorityEnd(path, length);
            if (start < 0) {
                return Optional.of(Refusal.malformedUri("The request target must be a path starting with '/' or an absolute http(s) URI."));
            }
        }
        Optional<Refusal> pathProblem = characters(path, start, length, PATH, "path");
        if (pathProblem.isPresent() || query.isNull()) {
            return pathProblem;
        }
        return characters(query, 0, Chunks.length(query), QUERY, "query");
    }

    /** Where the path of an absolute-form target ({@code http://host:port/path}) starts, or -1. */
    private static int authorityEnd(DataChunk target, int length) {
        int schemeEnd = target.startsWithIgnoreCase("http://", 0) ? 7 : target.startsWithIgnoreCase("https://", 0) ? 8 : -1;
        if (schemeEnd < 0) {
            return -1;
        }
        for (int i = schemeEnd; i < length; i++) {
            int b = Chunks.byteAt(target, i);
            if (b == '/') {
                return i;
            }
            if (b >= 128 || !AUTHORITY[b]) {
                return -1;
            }
        }
        return length;
    }

    private static Optional<Refusal> characters(DataChunk chunk, int from, int to, boolean[] allowed, String part) {
        for (int i = from; i < to; i++) {
            int b = Chunks.byteAt(chunk, i);
            if (b == '%') {
                if (i + 2 >= to) {
                    return Optional.of(Refusal.malformedUri("The " + part + " ends in an incomplete percent-escape."));
                }
                if (!isHex(Chunks.byteAt(chunk, i + 1)) || !isHex(Chunks.byteAt(chunk, i + 2))) {
                    return Optional.of(Refusal.malformedUri("The " + part + " has a '%' that is not followed by two hex digits."));
                }
                i += 2;
            } else if (b >= 128 || !allowed[b]) {
                return Optional.of(Refusal.malformedUri("The " + part + " contains a character that must be percent-encoded"
                        + (b > 0x20 && b < 0x7F ? " ('" + (char) b + "')." : " (byte 0x" + Integer.toHexString(b) + ").")));
            }
        }
        return Optional.empty();
    }

    /** Content-Length and Transfer-Encoding: one way to find the body's end, and no body where none belongs. */
    private static Optional<Refusal> framing(HttpRequestPacket request) {
        MimeHeaders headers = request.getHeaders();
        String contentLength = null;
        int transferEncodings = 0;
        DataChunk transferEncoding = null;
        for (int i = 0; i < headers.size(); i++) {
            DataChunk name = headers.getName(i);
            if (Chunks.equalsIgnoreCase(name, "content-length")) {
                String value = headers.getValue(i).toString().trim();
                if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Optional.of(Refusal.malformedHeader("Content-Length must be a non-negative decimal number."));
                }
                if (contentLength != null && Long.parseLong(contentLength) != Long.parseLong(value)) {
                    return Optional.of(Refusal.ambiguousFraming("The request has Content-Length headers that disagree."));
                }
                contentLength = value;
            } else if (Chunks.equalsIgnoreCase(name, "transfer-encoding")) {
                transferEncodings++;
                transferEncoding = headers.getValue(i);
            } else if (Chunks.equalsIgnoreCase(name, "expect")
                    && !headers.getValue(i).toString().trim().equalsIgnoreCase("100-continue")) {
                return Optional.of(Refusal.malformedHeader("The only expectation understood here is 'Expect: 100-continue'."));
            }
        }
        boolean sawContentLength = contentLength != null || request.getAttribute(StrictHttpCodec.SAW_CONTENT_LENGTH) != null;
        if (transferEncodings > 0 && sawContentLength) {
            // RFC 9112 §6.3: a proxy in front may frame it by the other header: request smuggling.
            return Optional.of(Refusal.ambiguousFraming("A request must not carry both Content-Length and Transfer-Encoding."));
        }
        if (transferEncodings > 1 || transferEncoding != null && !transferEncoding.toString().trim().equalsIgnoreCase("chunked")) {
            return Optional.of(Refusal.ambiguousFraming("The only transfer coding accepted is 'Transfer-Encoding: chunked'."));
        }
        boolean hasBody = transferEncodings > 0 || contentLength != null && Long.parseLong(contentLength) > 0;
        if (hasBody && isBodiless(request.getMethodDC())) {
            return Optional.of(new Refusal(ProblemType.BODY_NOT_ALLOWED,
                    "A " + request.getMethodDC() + " request must not carry a body."));
        }
        return Optional.empty();
    }

    /**
     * Methods whose content has no meaning (RFC 9110 §9.3): a body on them is refused rather than
     * ignored, because a proxy in front that reads it differently would see another request in it.
     */
    private static boolean isBodiless(DataChunk method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || method.equals("OPTIONS")
                || method.equals("TRACE") || method.equals("CONNECT");
    }

    /**
     * A Host value Jersey can build its base URI from: {@code host[:port]} with a DNS name or an
     * IPv4 address (the common case, checked by hand), else whatever {@link URI} accepts as a
     * server authority (IPv6 literals, unusual names), so the two never disagree.
     */
    static boolean isValidHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        int colon = host.lastIndexOf(':');
        String name = host;
        if (colon >= 0 && host.indexOf(']') < colon) {
            String port = host.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(port) > 65535) {
                return false;
            }
            name = host.substring(0, colon);
        }
        if (isPlainDnsName(name) || isIpv4(name)) {
            return true;
        }
        try {
            // The whole value must be the authority: "x/y" would parse, as host x and a path.
            URI uri = new URI("http://" + host + "/").parseServerAuthority();
            return uri.getHost() != null && uri.getRawUserInfo() == null && host.equals(uri.getRawAuthority())
                    && "/".equals(uri.getRawPath()) && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Letters, digits and inner hyphens in dot-separated labels, the last one starting with a letter. */
    private static boolean isPlainDnsName(String name) {
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                if (i == labelStart || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
                continue;
            }
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        int last = name.lastIndexOf('.') + 1;
        char first = name.charAt(last);
        return first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z';
    }

    private static boolean isIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(int b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    private static boolean[] table(String characters) {
        boolean[] table = new boolean[128];
        characters.chars().forEach(c -> table[c] = true);
        return table;
    }

    private static boolean[] with(boolean[] base, String more) {
        boolean[] table = base.clone();
        more.chars().forEach(c -> table[c] = true);
        return table;
    }
}
