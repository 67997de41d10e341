package io.mediaconnector.failure;

/** A player's playback token does not open this key: missing, expired, forged, or for another video. */
public final class TokenRejectedException extends DomainException {
    /** Why; a token of another video or key is valid, just not here. */
    public enum Reason { MISSING, EXPIRED, INVALID, OTHER_VIDEO_OR_KEY }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
