package io.mediaconnector.upload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks container-scoped Shared Access Signatures in Azure's query shape
 * ({@code sv, sr=c, sp, st, se, sig}), so SAS-aware clients (Azure SDKs, AzCopy) accept them.
 *
 * <p>{@code sig} = base64(HMAC-SHA256(secret, string-to-sign)), with Azure's service-SAS layout
 * (version 2020-12-06 and later): sp, st, se, {@code /blob/<account>/<container>}, si, sip, spr,
 * sv, sr, snapshot time, ses, rscc, rscd, rsce, rscl, rsct — one per line. The same layout is used
 * for any {@code sv} presented, so a token's version is just another signed field.
 * Stored access policies ({@code si}) and IP ranges ({@code sip}) are never issued, and tokens
 * carrying them are refused.
 */
public final class SasSigner {

    /** The {@code sv} this signer writes. */
    public static final String VERSION = "2020-12-06";
    private static final String HMAC = "HmacSHA256";

    private final String accountName;
    private final SecretKeySpec key;
    /** A keyed Mac per thread: looking one up and keying it costs more than the HMAC itself. */
    private final ThreadLocal<Mac> macs;
    private final Clock clock;

    /**
     * @param accountName the account part of the canonicalized resource; any stable name
     * @param secret      server secret, at least 32 bytes
     */
    public SasSigner(String accountName, byte[] secret, Clock clock) {
        this.accountName = Objects.requireNonNull(accountName, "accountName");
        if (secret.length < 32) {
            throw new IllegalArgumentException("SAS secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The query string (without '?') granting {@code permissions} on {@code container} from start to expiry. */
    public String sign(String container, Set<SasPermission> permissions, Instant start, Instant expiry) {
        return sign(container, permissions, start, expiry, VERSION);
    }

    /** As {@link #sign(String, Set, Instant, Instant)} with another {@code sv}; the signature layout is the same. */
    public String sign(String container, Set<SasPermission> permissions, Instant start, Instant expiry, String version) {
        if (!expiry.isAfter(start)) {
            throw new IllegalArgumentException("expiry must be after start");
        }
        String sp = SasPermission.format(permissions);
        String st = formatTime(start);
        String se = formatTime(expiry);
        String sig = signature(container, Map.of("sv", version, "sr", "c", "sp", sp, "st", st, "se", se));
        return "sv=" + encode(version) + "&sr=c&sp=" + encode(sp) + "&st=" + encode(st) + "&se=" + encode(se)
                + "&sig=" + encode(sig);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Checks that {@code query} (decoded parameters of the request) is a valid SAS for
     * {@code container} that grants at least one of {@code acceptable}.
     *
     * @throws SasVerificationException if not
     */
    public void verify(String container, Map<String, String> query, Set<SasPermission> acceptable) {
        String sig = query.get("sig");
        if (sig == null || sig.isEmpty()) {
            throw authFailed("the request carries no Shared Access Signature");
        }
        for (String required : new String[] {"sv", "sr", "sp", "se"}) {
            if (query.getOrDefault(required, "").isEmpty()) {
                throw authFailed("Signature fields not well formed: " + required + " is missing");
            }
        }
        if (!"c".equals(query.get("sr"))) {
            throw authFailed("only container signatures (sr=c) are accepted");
        }
        if (query.containsKey("si") || query.containsKey("sip")) {
            throw authFailed("stored access policies and IP ranges are not supported");
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            throw authFailed("Signature fields not well formed: sig is not base64");
        }
        byte[] expected = Base64.getDecoder().decode(signature(container, query));
        if (!MessageDigest.isEqual(expected, presented)) {
            throw authFailed("Signature did not match. String to sign used was for resource "
                    + canonicalResource(container));
        }
        Instant now = clock.instant();
        Instant expiry = parseTime(query.get("se"), "se");
        if (!now.isBefore(expiry)) {
            throw authFailed("Signed expiry time [" + query.get("se") + "] must be after signed start time and current time");
        }
        String start = query.get("st");
        if (start != null && !start.isEmpty() && now.isBefore(parseTime(start, "st"))) {
            throw authFailed("Signed start time [" + start + "] is in the future");
        }
        Set<SasPermission> granted = EnumSet.noneOf(SasPermission.class);
        for (char c : query.get("sp").toCharArray()) {
            granted.add(SasPermission.of(c).orElseThrow(() -> authFailed("Signature fields not well formed: sp")));
        }
        if (acceptable.stream().noneMatch(granted::contains)) {
            throw new SasVerificationException(SasVerificationException.Kind.PERMISSION_MISMATCH,
                    "This request is not authorized to perform this operation using this permission.");
        }
    }

    private String signature(String container, Map<String, String> q) {
        String stringToSign = String.join("\n",
                q.getOrDefault("sp", ""), q.getOrDefault("st", ""), q.getOrDefault("se", ""),
                canonicalResource(container),
                q.getOrDefault("si", ""), q.getOrDefault("sip", ""), q.getOrDefault("spr", ""),
                q.getOrDefault("sv", ""), q.getOrDefault("sr", ""), q.getOrDefault("sst", ""),
                q.getOrDefault("ses", ""),
                q.getOrDefault("rscc", ""), q.getOrDefault("rscd", ""), q.getOrDefault("rsce", ""),
                q.getOrDefault("rscl", ""), q.getOrDefault("rsct", ""));
        return Base64.getEncoder().encodeToString(macs.get().doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private String canonicalResource(String container) {
        return "/blob/" + accountName + "/" + container;
    }

    /** Azure's SAS time format: ISO-8601 UTC to the second, e.g. {@code 2026-11-27T10:00:00Z}. */
    static String formatTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Instant parseTime(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw authFailed("Signature fields not well formed: " + field + " is not an ISO-8601 UTC time");
        }
    }

    private static SasVerificationException authFailed(String message) {
        return new SasVerificationException(SasVerificationException.Kind.AUTHENTICATION_FAILED,
                "Server failed to authenticate the request. " + message);
    }
}
