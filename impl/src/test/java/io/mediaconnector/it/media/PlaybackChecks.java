package io.mediaconnector.it.media;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a player would fetch from each PlaybackUrl: manifests parse, everything they reference
 * is served, media segments decode, and durations match the source.
 */
public final class PlaybackChecks {
    private static final double TOLERANCE_SECONDS = 0.5;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path scratch;

    public PlaybackChecks(Path scratch) {
        this.scratch = scratch;
    }

    /** HLS: every media playlist, its init segment and every media segment; EXTINF sums to the duration. */
    public void hls(String masterUrl, double sourceDuration) {
        String master = text(masterUrl, "application/vnd.apple.mpegurl");
        List<String> playlists = master.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<String> audio = master.lines().filter(line -> line.startsWith("#EXT-X-MEDIA:") && line.contains("URI="))
                .map(line -> line.replaceAll(".*URI=\"([^\"]+)\".*", "$1")).toList();
        assertThat(playlists).as("variant streams in %s", masterUrl).isNotEmpty();
        List<String> all = new ArrayList<>(playlists);
        all.addAll(audio);
        for (String playlist : all) {
            URI playlistUri = URI.create(masterUrl).resolve(playlist);
            String media = text(playlistUri.toString(), "application/vnd.apple.mpegurl");
            String init = media.lines().filter(line -> line.startsWith("#EXT-X-MAP:")).findFirst()
                    .map(line -> line.replaceAll(".*URI=\"([^\"]+)\".*", "$1")).orElseThrow();
            byte[] initBytes = bytes(playlistUri.resolve(init).toString());
            double total = media.lines().filter(line -> line.startsWith("#EXTINF:"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(8, line.indexOf(',')))).sum();
            assertThat(total).as("EXTINF total of %s", playlistUri).isCloseTo(sourceDuration,
                    org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
            for (String segment : media.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList()) {
                assertDecodes(initBytes, bytes(playlistUri.resolve(segment).toString()), playlistUri.resolve(segment));
            }
        }
    }

    /** DASH: every Representation's init and media segments (SegmentTemplate) are served. */
    public void dash(String mpdUrl, double sourceDuration) {
        Document mpd = xml(text(mpdUrl, "application/dash+xml"));
        double duration = isoSeconds(mpd.getDocumentElement().getAttribute("mediaPresentationDuration"));
        assertThat(duration).isCloseTo(sourceDuration, org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
        NodeList representations = mpd.getElementsByTagName("Representation");
        assertThat(representations.getLength()).isPositive();
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            Element template = (Element) ((Element) representation.getParentNode()).getElementsByTagName("SegmentTemplate").item(0);
            if (template == null) {
                template = (Element) representation.getElementsByTagName("SegmentTemplate").item(0);
            }
            String id = representation.getAttribute("id");
            String init = template.getAttribute("initialization").replace("$RepresentationID$", id);
            byte[] initBytes = bytes(URI.create(mpdUrl).resolve(init).toString());
            long timescale = Long.parseLong(template.getAttribute("timescale"));
            long segmentDuration = Long.parseLong(template.getAttribute("duration"));
            int start = Integer.parseInt(template.getAttribute("startNumber"));
            int count = (int) Math.ceil(duration * timescale / segmentDuration - 0.01);
            for (int n = start; n < start + count; n++) {
                String media = template.getAttribute("media").replace("$RepresentationID$", id)
                        .replaceAll("\\$Number%05d\\$", String.format("%05d", n)).replace("$Number$", String.valueOf(n));
                URI segment = URI.create(mpdUrl).resolve(media);
                assertDecodes(initBytes, bytes(segment.toString()), segment);
            }
        }
    }

    /** Smooth Streaming: the manifest's duration, and every fragment of every quality level is served. */
    public void smooth(String manifestUrl, double sourceDuration) {
        Document manifest = xml(text(manifestUrl, "application/vnd.ms-sstr+xml"));
        long timescale = 10_000_000L;
        double duration = Long.parseLong(manifest.getDocumentElement().getAttribute("Duration")) / (double) timescale;
        assertThat(duration).isCloseTo(sourceDuration, org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
        NodeList streams = manifest.getElementsByTagName("StreamIndex");
        for (int s = 0; s < streams.getLength(); s++) {
            Element stream = (Element) streams.item(s);
            String url = stream.getAttribute("Url");
            List<Long> starts = new ArrayList<>();
            long t = 0;
            NodeList chunks = stream.getElementsByTagName("c");
            for (int c = 0; c < chunks.getLength(); c++) {
                Element chunk = (Element) chunks.item(c);
                if (chunk.hasAttribute("t")) {
                    t = Long.parseLong(chunk.getAttribute("t"));
                }
                starts.add(t);
                t += Long.parseLong(chunk.getAttribute("d"));
            }
            assertThat(starts).first().isEqualTo(0L);
            NodeList levels = stream.getElementsByTagName("QualityLevel");
            for (int q = 0; q < levels.getLength(); q++) {
                String bitrate = ((Element) levels.item(q)).getAttribute("Bitrate");
                for (long start : starts) {
                    String fragment = url.replace("{bitrate}", bitrate).replace("{Bitrate}", bitrate)
                            .replace("{start time}", String.valueOf(start)).replace("{start_time}", String.valueOf(start));
                    HttpResponse<byte[]> response = get(URI.create(manifestUrl).resolve(fragment).toString());
                    assertThat(response.statusCode()).as(fragment).isEqualTo(200);
                    assertThat(response.body().length).isPositive();
                }
            }
        }
    }

    /** Progressive: the MP4 decodes, starts with its index (faststart) and lasts as long as the source. */
    public void progressive(String url, double sourceDuration) {
        byte[] mp4 = bytes(url);
        Path file = write("progressive.mp4", mp4);
        assertThat(Clips.decode(file).exitCode()).isZero();
        assertThat(Clips.duration(file)).isCloseTo(sourceDuration, org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
        String head = new String(mp4, 0, Math.min(mp4.length, 4096), StandardCharsets.ISO_8859_1);
        assertThat(head.indexOf("moov")).as("moov before mdat").isBetween(0, Math.max(0, head.indexOf("mdat")));
    }

    private void assertDecodes(byte[] init, byte[] segment, URI where) {
        byte[] joined = new byte[init.length + segment.length];
        System.arraycopy(init, 0, joined, 0, init.length);
        System.arraycopy(segment, 0, joined, init.length, segment.length);
        Path file = write("segment.mp4", joined);
        Clips.Result result = Clips.decode(file);
        assertThat(result.exitCode()).as("ffmpeg decodes %s: %s", where, result.output()).isZero();
    }

    private String text(String url, String contentType) {
        HttpResponse<byte[]> response = get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(url).hasValueSatisfying(
                type -> assertThat(type).startsWith(contentType));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private byte[] bytes(String url) {
        HttpResponse<byte[]> response = get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<byte[]> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, byte[] content) {
        try {
            Files.createDirectories(scratch);
            return Files.write(scratch.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + text, e);
        }
    }

    /** {@code PT1M2.5S} → 62.5. */
    static double isoSeconds(String duration) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("PT(?:(\\d+)H)?(?:(\\d+)M)?(?:([\\d.]+)S)?").matcher(duration);
        if (!m.matches()) {
            throw new AssertionError("not an ISO duration: " + duration);
        }
        double hours = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        double minutes = m.group(2) == null ? 0 : Double.parseDouble(m.group(2));
        double seconds = m.group(3) == null ? 0 : Double.parseDouble(m.group(3));
        return hours * 3600 + minutes * 60 + seconds;
    }
}
