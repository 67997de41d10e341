package io.mediaconnector.video;

import java.util.UUID;

/**
 * Where a video's encoder outputs live in its container: the one owner of that layout, used by
 * the worker that publishes them and by playback that serves them. A set is written under a
 * staging prefix of its job and moved under {@code outputs/<set>} only when complete.
 */
public final class OutputLayout {
    /** Everything under this prefix of a video's container is served by the streaming endpoint. */
    static final String OUTPUTS = "outputs";
    public static final String PREVIEW = "preview";
    public static final String FINAL = "final";
    private static final String STAGING = "staging";

    private OutputLayout() {
    }

    /** The blob a playback path ({@code <set>/<file>}, as in published URLs) names. */
    public static String blobOf(String playbackPath) {
        return OUTPUTS + "/" + playbackPath;
    }

    /** Whether a playback path lies in a published set (anything else is never served). */
    public static boolean isPublished(String playbackPath) {
        return playbackPath.startsWith(PREVIEW + "/") || playbackPath.startsWith(FINAL + "/");
    }

    /** Where a set goes once complete. */
    public static String publishedPrefix(String set) {
        return OUTPUTS + "/" + set;
    }

    /** Where a job writes a set before it is complete. */
    public static String stagingPrefix(UUID jobId, String set) {
        return jobStagingPrefix(jobId) + set;
    }

    /** Everything a job staged, for removal after a failed or cancelled attempt. */
    public static String jobStagingPrefix(UUID jobId) {
        return STAGING + "/" + jobId + "/";
    }
}
