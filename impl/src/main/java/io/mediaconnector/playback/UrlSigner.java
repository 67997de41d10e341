package io.mediaconnector.playback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/** Signed, expiring URLs: {@code ?se=<epoch seconds>&sig=<HMAC-SHA256 of path and expiry>}. */
public final class UrlSigner {
    private final byte[] secret;
    private final Clock clock;
    /** A keyed Mac per thread: looking one up and keying it costs more than the HMAC itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public UrlSigner(byte[] secret, Clock clock) {
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** The query string that makes {@code path} valid until {@code expiry}. */
    public String sign(String path, Instant expiry) {
        long se = expiry.getEpochSecond();
        return "se=" + se + "&sig=" + signature(path, se);
    }

    public boolean isValid(String path, String se, String sig) {
        if (se == null || sig == null) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(se);
        } catch (NumberFormatException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() >= expiry) {
            return false;
        }
        return MessageDigest.isEqual(signature(path, expiry).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code <expiry>.<signature>}: a signature that can travel inside a URL path segment. */
    public String pathToken(String subject, Instant expiry) {
        long se = expiry.getEpochSecond();
        return se + "." + signature(subject, se);
    }

    public boolean isValidPathToken(String subject, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        return dot > 0 && isValid(subject, token.substring(0, dot), token.substring(dot + 1));
    }

    private String signature(String path, long expiry) {
        byte[] digest = macs.get().doFinal((path + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
