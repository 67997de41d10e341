package io.mediaconnector.playback;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Playback authorization tokens: JWTs (HS256) bound to one video and its content key, with an
 * audience, an issuer and an expiry. Signed with the current key; every configured key (by
 * {@code kid}) still verifies, so keys rotate without breaking tokens already handed out.
 */
public final class PlaybackTokens {
    /** The claim the Connector's tokens used for the content key. */
    public static final String KEY_CLAIM = "urn:microsoft:azure:mediaservices:contentkeyidentifier";

    private final Map<String, byte[]> keysById;
    private final String currentKid;
    private final String issuer;
    private final String audience;
    private final Duration validity;
    private final Clock clock;

    /** @param keys kid → secret (32+ bytes), the first one signs */
    public PlaybackTokens(Map<String, byte[]> keys, String issuer, Duration validity, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one token signing key is needed");
        }
        this.keysById = new LinkedHashMap<>(keys);
        this.currentKid = keys.keySet().iterator().next();
        this.issuer = issuer;
        this.audience = issuer + "/keys";
        this.validity = validity;
        this.clock = clock;
    }

    public String issue(UUID videoId, String keyId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(videoId.toString())
                .claim(KEY_CLAIM, keyId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(currentKid).build(), claims);
        try {
            jwt.sign(new MACSigner(keysById.get(currentKid)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a playback token", e);
        }
        return jwt.serialize();
    }

    public enum Verdict {
        VALID, MISSING, INVALID, EXPIRED, OTHER_VIDEO_OR_KEY
    }

    public Verdict check(String token, UUID videoId, String keyId) {
        if (token == null || token.isBlank()) {
            return Verdict.MISSING;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return Verdict.INVALID;
            }
            byte[] key = keysById.get(jwt.getHeader().getKeyID());
            if (key == null || !jwt.verify(new MACVerifier(key))) {
                return Verdict.INVALID;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!issuer.equals(claims.getIssuer()) || !List.of(audience).equals(claims.getAudience())
                    || claims.getExpirationTime() == null || claims.getNotBeforeTime() == null
                    || now.isBefore(claims.getNotBeforeTime().toInstant())) {
                return Verdict.INVALID;
            }
            if (!now.isBefore(claims.getExpirationTime().toInstant())) {
                return Verdict.EXPIRED;
            }
            if (!videoId.toString().equals(claims.getSubject()) || !keyId.equals(claims.getStringClaim(KEY_CLAIM))) {
                return Verdict.OTHER_VIDEO_OR_KEY;
            }
            return Verdict.VALID;
        } catch (ParseException | JOSEException e) {
            return Verdict.INVALID;
        }
    }
}
