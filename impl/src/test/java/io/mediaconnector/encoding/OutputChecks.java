package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Assertions over the files the pipeline writes, by reading them the way players do. */
final class OutputChecks {

    private OutputChecks() {
    }

    /** Media playlists of an HLS master; each checked: init + segments exist; returns their EXTINF sums. */
    static List<Double> checkHls(Path master) throws IOException {
        assertThat(master).isRegularFile();
        List<String> lines = Files.readAllLines(master);
        assertThat(lines.get(0)).isEqualTo("#EXTM3U");
        Set<String> playlists = new LinkedHashSet<>();
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                playlists.add(line.trim());
            }
            int uri = line.indexOf("URI=\"");
            if (uri >= 0) {
                playlists.add(line.substring(uri + 5, line.indexOf('"', uri + 5)));
            }
        }
        assertThat(playlists).isNotEmpty();
        List<Double> durations = new ArrayList<>();
        for (String name : playlists) {
            durations.add(checkMediaPlaylist(master.resolveSibling(name)));
        }
        return durations;
    }

    private static double checkMediaPlaylist(Path playlist) throws IOException {
        List<String> lines = Files.readAllLines(playlist);
        assertThat(lines).contains("#EXT-X-ENDLIST");
        String init = null;
        double total = 0;
        List<Path> segments = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#EXT-X-MAP:URI=\"")) {
                init = line.substring(16, line.indexOf('"', 16));
            } else if (line.startsWith("#EXTINF:")) {
                total += Double.parseDouble(line.substring(8, line.indexOf(',')));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                segments.add(playlist.resolveSibling(line.trim()));
            }
        }
        assertThat(init).as("EXT-X-MAP of %s", playlist).isNotNull();
        Path initFile = playlist.resolveSibling(init);
        assertThat(segments).isNotEmpty();
        for (Path segment : segments) {
            assertDecodes(initFile, segment);
        }
        return total;
    }

    /** Parses the MPD, checks every segment its SegmentTemplates reference; returns the representation count. */
    static List<Element> checkDash(Path mpd, double durationSeconds) throws Exception {
        Document doc = parseXml(mpd);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("MPD");
        NodeList representations = doc.getElementsByTagNameNS("*", "Representation");
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            result.add(representation);
            Element template = (Element) representation.getElementsByTagNameNS("*", "SegmentTemplate").item(0);
            String id = representation.getAttribute("id");
            int start = Integer.parseInt(template.getAttribute("startNumber"));
            int count = segmentCount(template, durationSeconds);
            Path init = mpd.resolveSibling(template.getAttribute("initialization").replace("$RepresentationID$", id));
            for (int n = start; n < start + count; n++) {
                String media = template.getAttribute("media").replace("$RepresentationID$", id)
                        .replace("$Number%05d$", String.format(Locale.ROOT, "%05d", n));
                assertDecodes(init, mpd.resolveSibling(media));
            }
        }
        return result;
    }

    /** Segments of a SegmentTemplate: from its SegmentTimeline when it has one, else from its duration. */
    private static int segmentCount(Element template, double durationSeconds) {
        NodeList timeline = template.getElementsByTagNameNS("*", "S");
        long timescale = Long.parseLong(template.getAttribute("timescale"));
        if (timeline.getLength() > 0) {
            int count = 0;
            long total = 0;
            for (int i = 0; i < timeline.getLength(); i++) {
                Element s = (Element) timeline.item(i);
                int repeats = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
                count += 1 + repeats;
                total += Long.parseLong(s.getAttribute("d")) * (1 + repeats);
            }
            assertDurationClose((double) total / timescale, durationSeconds);
            return count;
        }
        long duration = Long.parseLong(template.getAttribute("duration"));
        return (int) Math.ceil(durationSeconds * timescale / duration - 0.05);
    }

    /** Checks the Smooth Streaming manifest and that every fragment it implies exists (from t=0). */
    static void checkSmooth(Path manifest, int videoLevels, boolean withAudio) throws Exception {
        Document doc = parseXml(manifest);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("SmoothStreamingMedia");
        NodeList streams = doc.getElementsByTagName("StreamIndex");
        assertThat(streams.getLength()).isEqualTo(withAudio ? 2 : 1);
        for (int s = 0; s < streams.getLength(); s++) {
            Element stream = (Element) streams.item(s);
            String url = stream.getAttribute("Url");
            assertThat(url).startsWith("QualityLevels({bitrate})/Fragments(");
            NodeList levels = stream.getElementsByTagName("QualityLevel");
            if ("video".equals(stream.getAttribute("Type"))) {
                assertThat(levels.getLength()).isEqualTo(videoLevels);
            }
            NodeList chunks = stream.getElementsByTagName("c");
            assertThat(chunks.getLength()).isPositive();
            for (int l = 0; l < levels.getLength(); l++) {
                String bitrate = ((Element) levels.item(l)).getAttribute("Bitrate");
                long time = 0;
                for (int c = 0; c < chunks.getLength(); c++) {
                    Element chunk = (Element) chunks.item(c);
                    if (chunk.hasAttribute("t")) {
                        time = Long.parseLong(chunk.getAttribute("t"));
                    }
                    if (c == 0) {
                        assertThat(time).as("first fragment time").isZero();
                    }
                    String fragment = url.replace("{bitrate}", bitrate).replace("{start time}", Long.toString(time));
                    assertThat(manifest.resolveSibling(fragment)).as("fragment %s", fragment).isRegularFile();
                    time += Long.parseLong(chunk.getAttribute("d"));
                }
            }
        }
    }

    static double durationOf(Path media) {
        String out = TestMedia.ffprobe("-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", media.toString());
        return Double.parseDouble(out.trim());
    }

    static String streamField(Path media, String stream, String fields) {
        return TestMedia.ffprobe("-v", "error", "-select_streams", stream, "-show_entries", "stream=" + fields,
                "-of", "csv=p=0", media.toString()).lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    }

    static void assertFastStart(Path mp4) throws IOException {
        byte[] head = new byte[(int) Math.min(Files.size(mp4), 1 << 20)];
        try (InputStream in = Files.newInputStream(mp4)) {
            in.readNBytes(head, 0, head.length);
        }
        String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(ascii.indexOf("moov")).as("moov before mdat").isBetween(0, ascii.indexOf("mdat"));
    }

    static void assertDurationClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(0.5));
    }

    /** init + segment concatenated is a small fragmented MP4: ffmpeg must decode it without error. */
    private static void assertDecodes(Path init, Path segment) throws IOException {
        assertThat(init).isRegularFile();
        assertThat(segment).isRegularFile();
        Path joined = Files.createTempFile("segment-", ".mp4");
        try {
            try (OutputStream out = Files.newOutputStream(joined)) {
                Files.copy(init, out);
                Files.copy(segment, out);
            }
            TestMedia.ffmpeg("-xerror", "-i", joined.toString(), "-f", "null", "-");
        } finally {
            Files.deleteIfExists(joined);
        }
    }

    private static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
