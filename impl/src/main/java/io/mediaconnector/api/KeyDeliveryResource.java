package io.mediaconnector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaconnector.playback.KeyDelivery;
import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.protection.VideoKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Key delivery for players: the raw 16-byte AES-128 key (HLS {@code #EXT-X-KEY}) and the W3C
 * ClearKey license (DASH), each only for a valid playback token, never cached.
 */
@Singleton
@Path("keys/{videoId}/{keyId}")
public class KeyDeliveryResource {
    private static final String BEARER = "Bearer ";

    private final KeyDelivery delivery;
    private final ObjectMapper json;

    @Inject
    public KeyDeliveryResource(KeyDelivery delivery, ObjectMapper json) {
        this.delivery = delivery;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response hlsKey(@PathParam("videoId") String videoId, @PathParam("keyId") String keyId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("token") String token,
                           @HeaderParam("Origin") String origin) {
        VideoKey key = delivery.contentKey(parse(videoId), keyId, token(authorization, token));
        return noStore(Response.ok(key.key(), MediaType.APPLICATION_OCTET_STREAM_TYPE), origin).build();
    }

    /** ClearKey: {@code {"kids":[…],"type":"temporary"}} → {@code {"keys":[{"kty":"oct","kid","k"}],"type":…}}. */
    @POST
    @Path("clearkey")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response clearKeyLicense(@PathParam("videoId") String videoId, @PathParam("keyId") String keyId,
                                    @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @QueryParam("token") String token, @HeaderParam("Origin") String origin,
                                    String request) {
        VideoKey key = delivery.contentKey(parse(videoId), keyId, token(authorization, token));
        String kid = clearKeyId(keyId);
        JsonNode body = readRequest(request);
        boolean asked = false;
        for (JsonNode requested : body.path("kids")) {
            asked |= kid.equals(requested.asText());
        }
        if (!asked) {
            throw ProblemException.invalid("The license request names no key id of this video.");
        }
        Map<String, Object> license = Map.of(
                "keys", java.util.List.of(Map.of("kty", "oct", "kid", kid,
                        "k", Base64.getUrlEncoder().withoutPadding().encodeToString(key.key()))),
                "type", body.path("type").asText("temporary"));
        return noStore(Response.ok(license, MediaType.APPLICATION_JSON_TYPE), origin).build();
    }

    @OPTIONS
    public Response preflight(@HeaderParam("Origin") String origin) {
        return noStore(Response.noContent(), origin)
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "86400")
                .build();
    }

    @OPTIONS
    @Path("clearkey")
    public Response clearKeyPreflight(@HeaderParam("Origin") String origin) {
        return preflight(origin);
    }

    /** ClearKey names keys by the base64url of the key id's 16 bytes. */
    static String clearKeyId(String keyId) {
        UUID uuid = UUID.fromString(keyId);
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private JsonNode readRequest(String request) {
        try {
            return json.readTree(request == null ? "{}" : request);
        } catch (Exception e) {
            throw ProblemException.invalid("The license request is not JSON.");
        }
    }

    private static String token(String authorization, String query) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length());
        }
        return query;
    }

    private static UUID parse(String videoId) {
        try {
            return UUID.fromString(videoId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No such key.");
        }
    }

    /**
     * Players may send license requests with credentials (dashjs does), and then CORS wants the
     * page's origin echoed rather than {@code *}; the token, not the origin, is what authorizes.
     */
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder, String origin) {
        builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header(HttpHeaders.VARY, "Origin");
        if (origin == null || origin.isBlank()) {
            return builder.header("Access-Control-Allow-Origin", "*");
        }
        return builder.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true");
    }
}
