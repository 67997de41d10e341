package io.mediaconnector.config;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of protected playback and encrypted uploads.
 *
 * @param masterKey        base64 of 32 bytes sealing every content and upload key at rest
 *                         (empty: generated once into the data directory)
 * @param tokenSigningKeys {@code kid=base64,kid=base64,…}: the first signs new tokens, all verify
 *                         (empty: one key generated once into the data directory)
 * @param tokenValidity    how long a playback token lives
 */
public record Protection(Optional<String> masterKey, Optional<String> tokenSigningKeys, Duration tokenValidity) {

    public Protection {
        masterKey.ifPresent(key -> {
            if (decode(key, "MEDIA_CONNECTOR_MASTER_KEY").length != 32) {
                throw new InvalidSettingsException("MEDIA_CONNECTOR_MASTER_KEY must be base64 of 32 bytes");
            }
        });
        tokenSigningKeys.ifPresent(Protection::parseKeys);
        if (tokenValidity.isNegative() || tokenValidity.isZero()) {
            throw new InvalidSettingsException("the token validity must be positive");
        }
    }

    /** kid → secret, in the configured order (the first signs). */
    public static Map<String, byte[]> parseKeys(String spec) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new InvalidSettingsException("MEDIA_CONNECTOR_TOKEN_SIGNING_KEYS entries are kid=base64, got '"
                        + entry.trim() + "'");
            }
            byte[] secret = decode(entry.substring(equals + 1).trim(), "MEDIA_CONNECTOR_TOKEN_SIGNING_KEYS");
            if (secret.length < 32) {
                throw new InvalidSettingsException("token signing keys must be at least 32 bytes");
            }
            keys.put(entry.substring(0, equals).trim(), secret);
        }
        return keys;
    }

    private static byte[] decode(String base64, String setting) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(setting + " is not valid base64");
        }
    }
}
