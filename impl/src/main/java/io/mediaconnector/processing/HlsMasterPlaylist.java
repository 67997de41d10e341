package io.mediaconnector.processing;

import io.mediaconnector.video.Publication.PublishedRendition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The renditions an HLS master playlist announces ({@code RESOLUTION} and {@code BANDWIDTH}). */
final class HlsMasterPlaylist {
    private static final Pattern RESOLUTION = Pattern.compile("RESOLUTION=(\\d+)x(\\d+)");
    private static final Pattern BANDWIDTH = Pattern.compile("[^-]BANDWIDTH=(\\d+)");

    private HlsMasterPlaylist() {
    }

    static List<PublishedRendition> renditions(Path master) throws IOException {
        List<PublishedRendition> renditions = new ArrayList<>();
        for (String line : Files.readAllLines(master)) {
            if (!line.startsWith("#EXT-X-STREAM-INF:")) {
                continue;
            }
            Matcher resolution = RESOLUTION.matcher(line);
            Matcher bandwidth = BANDWIDTH.matcher(line);
            if (resolution.find()) {
                renditions.add(new PublishedRendition(Integer.parseInt(resolution.group(1)),
                        Integer.parseInt(resolution.group(2)), bandwidth.find() ? Integer.parseInt(bandwidth.group(1)) : 0));
            }
        }
        return renditions;
    }
}
