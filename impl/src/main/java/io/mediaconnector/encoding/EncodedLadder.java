package io.mediaconnector.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The ladder of one run, encoded once into an intermediate MP4, with what every step that packages
 * it or takes pictures from it needs.
 *
 * @param intermediate the MP4: video streams highest rendition first, then the audio
 * @param probe        the probed input
 * @param renditions   the ladder, highest first
 * @param timeout      the time limit of each ffmpeg run
 * @param cancel       cancels the run
 */
record EncodedLadder(Path intermediate, ProbeResult probe, List<Rendition> renditions, Duration timeout,
                     CancelHandle cancel) {

    EncodedLadder {
        renditions = List.copyOf(renditions);
    }
}
