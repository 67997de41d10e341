package io.mediaconnector.failure;

/** Nothing by that id exists for the caller (another account's things count as not existing). */
public class NotFoundException extends DomainException {
    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException video() {
        return new VideoNotFoundException();
    }

    /** The most asked-for kind of missing thing, with a code of its own. */
    public static final class VideoNotFoundException extends NotFoundException {
        private VideoNotFoundException() {
            super("No video with this id exists in your account.");
        }
    }
}
