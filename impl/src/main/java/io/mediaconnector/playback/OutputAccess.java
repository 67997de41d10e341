package io.mediaconnector.playback;

import io.mediaconnector.failure.AccessDeniedException;
import io.mediaconnector.failure.NotFoundException;
import io.mediaconnector.video.ContentProtection;
import io.mediaconnector.video.OutputLayout;
import io.mediaconnector.video.Video;
import io.mediaconnector.video.VideoService;

/**
 * Which stored output a playback URL ({@code /stream/<locator>/<path>}) names, and whether the
 * URL may read it: a protected video's locator carries an expiring signature, and thumbnails are
 * signed links of their own. Anything not published is not found.
 */
public final class OutputAccess {
    private final VideoService videos;
    private final UrlSigner signer;

    public OutputAccess(VideoService videos, UrlSigner signer) {
        this.videos = videos;
        this.signer = signer;
    }

    /** A blob in a video's container. */
    public record StoredOutput(String container, String blob) {
    }

    /**
     * @param locator the URL's locator segment, with its signature for protected videos
     * @param path    the rest of the path, e.g. {@code final/cmaf/master.m3u8}
     * @param se      the expiry of a signed link, if any
     * @param sig     the signature of a signed link, if any
     */
    public StoredOutput resolve(String locator, String path, String se, String sig) {
        int dot = locator.indexOf('.');
        String plainLocator = dot < 0 ? locator : locator.substring(0, dot);
        Video video = videos.findByLocator(plainLocator).orElseThrow(OutputAccess::nothingHere);
        if (!OutputLayout.isPublished(path)) {
            throw nothingHere();
        }
        if (video.contentProtection() == ContentProtection.AES128 && (dot < 0
                || !signer.isValidPathToken(PlaybackService.lockedLocator(plainLocator), locator.substring(dot + 1)))) {
            throw new AccessDeniedException(
                    "Playback URLs of protected videos are signed and expire; ask PlaybackEndpoint for a fresh one.");
        }
        if (path.contains("/thumbnails/") && !signer.isValid("/stream/" + locator + "/" + path, se, sig)) {
            throw new AccessDeniedException("Thumbnail URLs are signed and expire; ask the API for a fresh one.");
        }
        return new StoredOutput(video.containerName(), OutputLayout.blobOf(path));
    }

    private static NotFoundException nothingHere() {
        return new NotFoundException("Nothing is published at this address.");
    }
}
