package io.mediaconnector.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an input with {@code ffprobe -show_format -show_streams} and decides whether it is a video
 * this service can encode. Anything else fails with an {@link UnsupportedMediaException} whose
 * message a person understands.
 */
public final class Prober {

    static final String NO_VIDEO = "The uploaded file has no video stream ffmpeg can decode";
    static final double MIN_DURATION_SECONDS = 0.1;
    private static final int MAX_JSON_CHARS = 4 * 1024 * 1024;
    /** Playlists and lists of other files would make ffmpeg read files other than the upload. */
    private static final Set<String> REFUSED_FORMATS = Set.of("hls", "dash", "concat", "ffconcat", "tee",
            "image2", "lavfi", "sdp", "rtp", "rtsp");

    private final ProcessRunner runner;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;

    public Prober(FfmpegBinaries binaries, Duration timeout) {
        this(new ProcessRunner(binaries), timeout);
    }

    Prober(ProcessRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /**
     * @throws UnsupportedMediaException when the input is not a video ffmpeg can decode
     * @throws EncodingTimeoutException  when ffprobe takes longer than the time limit
     */
    public ProbeResult probe(Path input, CancelHandle cancel) {
        long size = fileSize(input);
        if (size == 0) {
            throw new UnsupportedMediaException("The uploaded file is empty");
        }
        StringBuilder out = new StringBuilder();
        ProcessRunner.Outcome outcome = runner.ffprobe(List.of(
                "-v", "error", "-protocol_whitelist", "file",
                "-print_format", "json", "-show_format", "-show_streams",
                input.toAbsolutePath().toString()), timeout, cancel, line -> {
                    if (out.length() < MAX_JSON_CHARS) {
                        out.append(line).append('\n');
                    }
                });
        if (!outcome.succeeded()) {
            throw new UnsupportedMediaException("The uploaded file is not a video ffmpeg can read ("
                    + lastError(outcome) + ")");
        }
        JsonNode root;
        try {
            root = json.readTree(out.toString());
        } catch (IOException e) {
            throw new UnsupportedMediaException("The uploaded file is not a video ffmpeg can read");
        }
        return interpret(root, size);
    }

    /** The rules, separate from the process so that they can be tested on captured JSON. */
    ProbeResult interpret(JsonNode root, long size) {
        JsonNode format = root.path("format");
        String formatName = format.path("format_name").asText("");
        if (formatName.isEmpty()) {
            throw new UnsupportedMediaException("The uploaded file is not a video ffmpeg can read");
        }
        for (String name : formatName.split(",")) {
            if (REFUSED_FORMATS.contains(name)) {
                throw new UnsupportedMediaException("Playlists and image sequences are not accepted as video ("
                        + formatName + "); upload the media file itself");
            }
        }
        if (formatName.endsWith("_pipe")) {
            throw new UnsupportedMediaException("The uploaded file is a still image (" + formatName.replace("_pipe", "")
                    + "), not a video");
        }
        JsonNode videoNode = firstVideo(root.path("streams"));
        if (videoNode == null) {
            throw new UnsupportedMediaException(NO_VIDEO);
        }
        VideoStreamInfo video = video(videoNode);
        if (video.width() <= 0 || video.height() <= 0 || video.codec().isEmpty() || "none".equals(video.codec())) {
            throw new UnsupportedMediaException(NO_VIDEO);
        }
        double duration = duration(format, videoNode);
        if (Double.isNaN(duration) || duration < MIN_DURATION_SECONDS) {
            throw new UnsupportedMediaException("The uploaded file is a still image or too short to be a video "
                    + "(no duration of at least " + MIN_DURATION_SECONDS + " s)");
        }
        return new ProbeResult(duration, size, formatName, video, firstAudio(root.path("streams")));
    }

    private static JsonNode firstVideo(JsonNode streams) {
        for (JsonNode stream : streams) {
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if ("video".equals(stream.path("codec_type").asText()) && !attachedPicture) {
                return stream;
            }
        }
        return null;
    }

    private static AudioStreamInfo firstAudio(JsonNode streams) {
        for (JsonNode stream : streams) {
            String codec = stream.path("codec_name").asText("");
            if ("audio".equals(stream.path("codec_type").asText()) && !codec.isEmpty() && !"none".equals(codec)) {
                return new AudioStreamInfo(codec, stream.path("channels").asInt(0));
            }
        }
        return null;
    }

    private static VideoStreamInfo video(JsonNode stream) {
        return new VideoStreamInfo(
                stream.path("codec_name").asText(""),
                stream.path("profile").asText(""),
                stream.path("width").asInt(0),
                stream.path("height").asInt(0),
                rotation(stream),
                frameRate(stream),
                stream.path("pix_fmt").asText(""));
    }

    static int rotation(JsonNode stream) {
        double degrees = 0;
        for (JsonNode sideData : stream.path("side_data_list")) {
            if (sideData.has("rotation")) {
                degrees = sideData.path("rotation").asDouble(0);
            }
        }
        if (degrees == 0) {
            degrees = stream.path("tags").path("rotate").asDouble(0);
        }
        int quarterTurns = (int) Math.round(degrees / 90.0);
        return Math.floorMod(quarterTurns * 90, 360);
    }

    private static double frameRate(JsonNode stream) {
        double average = ratio(stream.path("avg_frame_rate").asText(""));
        return average > 0 ? average : Math.max(0, ratio(stream.path("r_frame_rate").asText("")));
    }

    private static double duration(JsonNode format, JsonNode video) {
        double fromFormat = number(format.path("duration").asText(""));
        return Double.isNaN(fromFormat) ? number(video.path("duration").asText("")) : fromFormat;
    }

    static double ratio(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return number(value);
        }
        double numerator = number(value.substring(0, slash));
        double denominator = number(value.substring(slash + 1));
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    private static double number(String value) {
        if (value.isEmpty() || "N/A".equals(value)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value.toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static long fileSize(Path input) {
        try {
            return Files.size(input);
        } catch (IOException e) {
            throw new EncodingException("Cannot read the input file " + input.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String lastError(ProcessRunner.Outcome outcome) {
        return outcome.stderrTail().isEmpty() ? "exit code " + outcome.exitCode()
                : outcome.stderrTail().get(outcome.stderrTail().size() - 1)
                        .replaceAll("^.*?: ", "");
    }
}
