package io.mediaconnector.playback;

import io.mediaconnector.account.Caller;
import io.mediaconnector.failure.InvalidInputException;
import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.failure.StateConflictException;
import io.mediaconnector.failure.TokenRejectedException;
import io.mediaconnector.failure.TokenRejectedException.Reason;
import io.mediaconnector.protection.VideoKey;
import io.mediaconnector.protection.VideoKeys;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;

import java.util.UUID;

/**
 * Playback authorization for AES-128 videos: hands out tokens to API callers, and content keys
 * to players that present a valid token for exactly that video and key.
 */
public final class KeyDelivery {
    private final VideoService videos;
    private final VideoKeys keys;
    private final PlaybackTokens tokens;

    public KeyDelivery(VideoService videos, VideoKeys keys, PlaybackTokens tokens) {
        this.videos = videos;
        this.keys = keys;
        this.tokens = tokens;
    }

    /** The Connector's {@code {"value":"Bearer=<token>"}}. */
    public String authorizationToken(Caller caller, UUID videoId, String keyId) {
        Video video = videos.get(caller, videoId);
        if (video.contentProtection() != ContentProtection.AES128) {
            throw new StateConflictException("The video is not protected (ContentProtectionMode None); it needs no token.");
        }
        if (!video.contentKeyId().orElseThrow().equals(keyId)) {
            throw new InvalidInputException("KeyId is not this video's ContentProtectionKeyId.");
        }
        return "Bearer=" + tokens.issue(videoId, keyId);
    }

    /** The content key, when {@code token} authorizes it. */
    public VideoKey contentKey(UUID videoId, String keyId, String token) {
        switch (tokens.check(stripScheme(token), videoId, keyId)) {
            case VALID -> {
            }
            case MISSING -> throw new TokenRejectedException(Reason.MISSING,
                    "Send the playback token from AuthorizationToken as 'Authorization: Bearer <token>' or '?token='.");
            case EXPIRED -> throw new TokenRejectedException(Reason.EXPIRED,
                    "The playback token has expired; ask AuthorizationToken for a new one.");
            case INVALID -> throw new TokenRejectedException(Reason.INVALID,
                    "The playback token is not valid: not a token from AuthorizationToken, or altered.");
            case OTHER_VIDEO_OR_KEY -> throw new TokenRejectedException(Reason.OTHER_VIDEO_OR_KEY,
                    "The playback token is for another video or key; ask AuthorizationToken for this one.");
        }
        Video video = videos.forKeyDelivery(videoId)
                .filter(found -> found.contentKeyId().map(keyId::equals).orElse(false))
                .orElseThrow(() -> new NotFoundException("No such key."));
        return keys.contentKey(video.id()).orElseThrow(() -> new NotFoundException("No such key."));
    }

    /** Players send the value as given ({@code Bearer=…}) or the bare token. */
    private static String stripScheme(String token) {
        if (token == null) {
            return null;
        }
        String trimmed = token.trim();
        return trimmed.startsWith("Bearer=") ? trimmed.substring("Bearer=".length()) : trimmed;
    }
}
