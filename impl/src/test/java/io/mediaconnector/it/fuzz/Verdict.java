package io.mediaconnector.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.it.RawHttp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What an answer to a fuzzed request must be; the broken rules of one exchange, none when it is fine. */
public final class Verdict {
    /**
     * Statuses a request that selects no operation may get whatever it aims at: it is malformed,
     * too slow or too big (for an operation, its {@code default} response declares them).
     */
    private static final Set<Integer> ANY_REQUEST = Set.of(400, 408, 413, 414);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpecOperations spec;

    public Verdict(SpecOperations spec) {
        this.spec = spec;
    }

    public List<String> judge(HostileRequests.Sent sent, RawHttp.Answer answer) {
        List<String> broken = new ArrayList<>();
        if (answer.timedOut()) {
            broken.add("no answer and the connection still open (a hang)");
            return broken;
        }
        if (answer.status() == 0) {
            // A client that ends its output mid-message has closed the connection for Grizzly, answer or not.
            if (!sent.headerTruncated() && !sent.bodyTruncated()) {
                broken.add("the connection closed without an answer");
            }
            return broken;
        }
        int status = answer.status();
        if (status >= 500) {
            broken.add("a 5xx for a client's request");
        }
        if (answer.header("x-ms-request-id") == null) {
            broken.add("no x-ms-request-id");
        }
        String family = family(sent.rawPath());
        if (status >= 400) {
            String body = answer.body();
            if (body.toLowerCase(Locale.ROOT).contains("<html") || body.contains("Exception") || body.contains("\tat ")
                    || body.contains("at org.") || body.contains("at io.")) {
                broken.add("HTML or a stack trace in an error");
            }
            broken.addAll(family.equals("blob") ? azureError(sent, answer) : problem(sent, answer));
        }
        if (family.equals("keys") && !String.valueOf(answer.header("cache-control")).contains("no-store")) {
            broken.add("a /keys answer without Cache-Control: no-store");
        }
        if (family.equals("spec")) {
            Set<Integer> allowed = allowed(sent);
            if (!allowed.contains(status)) {
                broken.add("status " + status + " is not declared for " + sent.method() + " " + sent.rawPath()
                        + " (allowed " + allowed + ")");
            }
        }
        return broken;
    }

    /**
     * The declared statuses of the operation the request selects (those its {@code default}
     * response stands for included), else what a request for no operation may get.
     */
    Set<Integer> allowed(HostileRequests.Sent sent) {
        String path = normalized(sent.rawPath());
        Optional<SpecOperations.Op> op = path == null ? Optional.empty() : spec.match(sent.method(), path);
        if (op.isPresent()) {
            return op.get().statuses();
        }
        java.util.Set<Integer> allowed = new java.util.TreeSet<>(ANY_REQUEST);
        allowed.add(404);
        allowed.add(405);
        if (sent.method().equals("OPTIONS") && path != null && spec.knowsPath(path)) {
            // Jersey answers OPTIONS itself (200 with Allow); under /api it wants a key like every route.
            allowed.addAll(Set.of(200, 204, 401, 403));
        }
        return allowed;
    }

    private static List<String> problem(HostileRequests.Sent sent, RawHttp.Answer answer) {
        List<String> broken = new ArrayList<>();
        String type = String.valueOf(answer.header("content-type"));
        if (!type.startsWith("application/problem+json")) {
            broken.add("an error that is not application/problem+json: " + type);
            return broken;
        }
        if (sent.method().equals("HEAD")) {
            return broken; // no body to look at
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            for (String field : List.of("type", "title", "status", "code", "requestId", "instance")) {
                if (problem.path(field).isMissingNode() || problem.path(field).isNull()) {
                    broken.add("a problem without '" + field + "'");
                }
            }
            if (problem.path("status").asInt() != answer.status()) {
                broken.add("a problem whose status is not the answer's");
            }
            if (!problem.path("requestId").asText().equals(answer.header("x-ms-request-id"))) {
                broken.add("a problem whose requestId is not the x-ms-request-id");
            }
            if (problem.path("instance").asText().length() > 300 || problem.path("detail").asText().length() > 600) {
                broken.add("a problem that echoes too much");
            }
        } catch (Exception e) {
            broken.add("a problem body that is not JSON");
        }
        return broken;
    }

    private static List<String> azureError(HostileRequests.Sent sent, RawHttp.Answer answer) {
        List<String> broken = new ArrayList<>();
        if (!String.valueOf(answer.header("content-type")).startsWith("application/xml")) {
            broken.add("a /blob error that is not Azure's XML: " + answer.header("content-type"));
        }
        if (answer.header("x-ms-error-code") == null) {
            broken.add("a /blob error without x-ms-error-code");
        }
        if (!sent.method().equals("HEAD") && !answer.body().contains("<Error><Code>")) {
            broken.add("a /blob error body that is not <Error><Code>…");
        }
        return broken;
    }

    /** Which part of the service a raw path is for: the contract's, or the blob, key or other routes. */
    static String family(String rawPath) {
        String routed = routed(rawPath);
        if (routed.equals("/blob") || routed.startsWith("/blob/")) {
            return "blob";
        }
        if (routed.equals("/keys") || routed.startsWith("/keys/")) {
            return "keys";
        }
        if (routed.startsWith("/api") || rawPath.startsWith("//api") || routed.equals("/health")) {
            return "spec";
        }
        return "other";
    }

    /**
     * The path as Jersey routes it: matrix parameters dropped, percent-escapes decoded within their
     * segment (an escaped slash stays part of its segment).
     */
    static String routed(String rawPath) {
        String path = rawPath.replaceAll(";[^/]*", "").replaceAll("(?i)%2F", "\u0000");
        try {
            path = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // stays as it is
        }
        return path.replace("\u0000", "%2F");
    }

    /** The path as the router sees it: without a trailing slash (dot segments are plain segments to it). */
    private static String normalized(String rawPath) {
        String path = routed(rawPath);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
