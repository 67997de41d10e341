package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class EncodingPipelineTest {

    private final EncodingPipeline pipeline = TestMedia.pipeline();

    @TempDir
    Path out;

    /** Records every callback with its time since the start of the run. */
    static final class Recorder implements EncodingListener {
        final long started = System.nanoTime();
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Integer> percents = new CopyOnWriteArrayList<>();
        final AtomicLong playableAfterMillis = new AtomicLong(-1);
        final AtomicReference<Path> playableDir = new AtomicReference<>();
        final AtomicReference<Boolean> previewWholeWhenPlayable = new AtomicReference<>();

        @Override
        public void onProbed(ProbeResult probe) {
            events.add("probed");
        }

        @Override
        public void onProgress(int percent) {
            percents.add(percent);
        }

        @Override
        public void onPlayable(Path previewDir) {
            events.add("playable");
            playableAfterMillis.set((System.nanoTime() - started) / 1_000_000);
            playableDir.set(previewDir);
            previewWholeWhenPlayable.set(Files.isRegularFile(previewDir.resolve("master.m3u8"))
                    && Files.isRegularFile(previewDir.resolve("manifest.mpd"))
                    && !Files.exists(previewDir.getParent().resolve("cmaf")));
        }

        @Override
        public void onCompleted(EncodingResult result) {
            events.add("completed");
        }
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("16:9 starting black", (Supplier<Path>) TestMedia::landscapeStartingBlack, 640, 360),
                Arguments.of("4:3 avi/mp3", (Supplier<Path>) TestMedia::fourByThree, 480, 360),
                Arguments.of("portrait by display matrix", (Supplier<Path>) TestMedia::portrait, 360, 640),
                Arguments.of("no audio", (Supplier<Path>) TestMedia::noAudio, 640, 360),
                Arguments.of("odd 641x361", (Supplier<Path>) TestMedia::oddSized, 640, 360),
                Arguments.of("variable frame rate", (Supplier<Path>) TestMedia::variableFrameRate, 640, 360),
                Arguments.of("h264/aac (stream-copy preview)", (Supplier<Path>) TestMedia::h264Aac, 640, 360),
                Arguments.of("1280x720", (Supplier<Path>) TestMedia::hd720, 1280, 720));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void encodesEveryOutput(String name, Supplier<Path> clip, int topWidth, int topHeight) throws Exception {
        Path input = clip.get();
        Recorder recorder = new Recorder();

        long started = System.nanoTime();
        EncodingResult result = pipeline.run(input, out, recorder, new CancelHandle());
        long totalMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("TIMING %-32s playable after %5d ms, completed after %5d ms, ladder %s%n", name,
                recorder.playableAfterMillis.get(), totalMillis,
                result.renditions().stream().map(r -> r.width() + "x" + r.height()).toList());

        double duration = result.source().durationSeconds();
        boolean audio = result.source().hasAudio();
        int expectedStreams = result.renditions().size() + (audio ? 1 : 0);

        assertThat(recorder.events).containsExactly("probed", "playable", "completed");
        assertThat(recorder.percents).isSorted().last().isEqualTo(100);
        assertThat(recorder.previewWholeWhenPlayable.get()).isTrue();
        assertThat(recorder.playableDir.get()).isEqualTo(out.resolve("preview"));
        assertThat(result.renditions().get(0)).extracting(Rendition::width, Rendition::height)
                .containsExactly(topWidth, topHeight);

        // the full ladder, HLS and DASH over the same CMAF segments
        List<Double> hlsDurations = OutputChecks.checkHls(out.resolve(result.hlsMaster()));
        assertThat(hlsDurations).hasSize(expectedStreams);
        hlsDurations.forEach(d -> OutputChecks.assertDurationClose(d, duration));
        List<Element> representations = OutputChecks.checkDash(out.resolve(result.dashManifest()), duration);
        assertThat(representations).hasSize(expectedStreams);
        for (int i = 0; i < result.renditions().size(); i++) {
            Rendition rendition = result.renditions().get(i);
            assertThat(representations.get(i).getAttribute("width")).isEqualTo(Integer.toString(rendition.width()));
            assertThat(representations.get(i).getAttribute("height")).isEqualTo(Integer.toString(rendition.height()));
        }
        String masterText = Files.readString(out.resolve(result.hlsMaster()));
        assertThat(masterText.contains("mp4a.40.2")).isEqualTo(audio);

        // the preview
        List<Double> previewDurations = OutputChecks.checkHls(out.resolve(result.previewHlsMaster()));
        previewDurations.forEach(d -> OutputChecks.assertDurationClose(d, duration));
        OutputChecks.checkDash(out.resolve(result.previewDashManifest()), duration);

        // Smooth Streaming
        OutputChecks.checkSmooth(out.resolve(result.smoothManifest()), result.renditions().size(), audio);

        // progressive download
        Path mp4 = out.resolve(result.progressiveMp4());
        OutputChecks.assertDurationClose(OutputChecks.durationOf(mp4), duration);
        OutputChecks.assertFastStart(mp4);
        assertThat(OutputChecks.streamField(mp4, "v:0", "codec_name,width,height")).isEqualTo(
                "h264," + result.progressiveRendition().width() + "," + result.progressiveRendition().height());

        // thumbnails
        Path poster = out.resolve(result.poster().relativePath());
        ThumbnailExtractor.LumaStats luma = ThumbnailExtractor.LumaStats.of(poster);
        assertThat(luma.mean()).as("poster mean luma").isGreaterThan(ThumbnailExtractor.DARK_LUMA);
        assertThat(luma.deviation()).as("poster detail").isGreaterThan(ThumbnailExtractor.FLAT_LUMA_DEVIATION);
        assertThat(result.thumbnails()).hasSize(5);
        double previous = -1;
        for (Thumbnail thumbnail : result.thumbnails()) {
            assertThat(out.resolve(thumbnail.relativePath())).isRegularFile();
            assertThat(thumbnail.timeSeconds()).isGreaterThan(previous).isLessThan(duration);
            assertThat(thumbnail.height()).isEqualTo(Math.min(240, topHeight));
            previous = thumbnail.timeSeconds();
        }

        // nothing half-done left behind, nothing else at the top level
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("preview", "cmaf", "smooth", "progressive", "thumbnails");
        }
    }

    @Test
    void aWebPlayableSourceIsPreviewedByStreamCopy() {
        Path input = TestMedia.h264Aac();

        EncodingResult result = pipeline.run(input, out, EncodingListener.NONE, new CancelHandle());

        assertThat(result.previewMode()).isEqualTo(PreviewMode.STREAM_COPY);
        Path previewVideo = out.resolve("preview/init-stream0.m4s");
        Path firstChunk = out.resolve("preview/chunk-stream0-00001.m4s");
        assertThat(previewVideo).exists();
        assertThat(firstChunk).exists();
        String fields = "codec_name,profile,width,height,pix_fmt";
        assertThat(OutputChecks.streamField(out.resolve(result.previewDashManifest()), "v:0", fields))
                .isEqualTo(OutputChecks.streamField(input, "v:0", fields));
        assertThat(OutputChecks.streamField(out.resolve(result.previewDashManifest()), "v:0", "extradata_size"))
                .isEqualTo(OutputChecks.streamField(input, "v:0", "extradata_size"));
    }

    @Test
    void otherSourcesArePreviewedAtTheLowestRendition() {
        EncodingResult result = pipeline.run(TestMedia.noAudio(), out, EncodingListener.NONE, new CancelHandle());

        assertThat(result.previewMode()).isEqualTo(PreviewMode.LOWEST_RENDITION);
        assertThat(OutputChecks.streamField(out.resolve(result.previewDashManifest()), "v:0", "width,height"))
                .isEqualTo("426,240");
    }

    @Test
    void thePreviewsLowestRenditionJoinsTheLadderWithAlignedKeyframes() {
        EncodingResult result = pipeline.run(TestMedia.hd720(), out, EncodingListener.NONE, new CancelHandle());

        assertThat(result.previewMode()).isEqualTo(PreviewMode.LOWEST_RENDITION);
        Path manifest = out.resolve(result.dashManifest());
        int videos = result.renditions().size();
        assertThat(videos).isGreaterThan(1);
        assertThat(OutputChecks.streamField(manifest, "v:" + (videos - 1), "width,height")).isEqualTo("426,240");
        assertThat(OutputChecks.streamField(manifest, "a:0", "codec_name")).isEqualTo("aac");
        String keyframes = keyframeTimes(manifest, "v:0");
        assertThat(keyframes.lines().count()).isGreaterThan(1);
        for (int i = 1; i < videos; i++) {
            assertThat(keyframeTimes(manifest, "v:" + i)).as("keyframes of rendition " + i).isEqualTo(keyframes);
        }
    }

    private static String keyframeTimes(Path media, String stream) {
        return TestMedia.ffprobe("-v", "error", "-select_streams", stream, "-skip_frame", "nokey",
                "-show_entries", "frame=pts_time", "-of", "csv=p=0", media.toString());
    }

    @Test
    void aBadInputFailsBeforeAnythingIsWritten() throws Exception {
        Path picture = TestMedia.jpegNamedMp4();
        Recorder recorder = new Recorder();

        assertThatThrownBy(() -> pipeline.run(picture, out, recorder, new CancelHandle()))
                .isInstanceOf(UnsupportedMediaException.class);
        assertThat(recorder.events).isEmpty();
        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString())).doesNotContain("preview", "cmaf");
        }
    }

    @Test
    void anMp4CutShortAfterItsIndexFailsAsIncomplete() throws Exception {
        Path faststart = TestMedia.made("faststart.mp4", target -> TestMedia.ffmpeg("-i", TestMedia.h264Aac().toString(),
                "-c", "copy", "-movflags", "+faststart", target.toString()));
        byte[] whole = Files.readAllBytes(faststart);
        Path truncated = Files.write(out.resolveSibling(out.getFileName() + "-cut.mp4"),
                java.util.Arrays.copyOf(whole, whole.length / 3));
        Path target = out.resolve("video");
        try {
            assertThatThrownBy(() -> pipeline.run(truncated, target, EncodingListener.NONE, new CancelHandle()))
                    .isInstanceOf(UnsupportedMediaException.class)
                    .hasMessageContaining("incomplete or damaged");
            assertThat(target.resolve("preview")).doesNotExist();
        } finally {
            Files.deleteIfExists(truncated);
        }
    }

    @Test
    void cancellingStopsTheRunAndLeavesNoHalfOutput() throws Exception {
        CancelHandle cancel = new CancelHandle();
        EncodingListener cancelWhenPlayable = new EncodingListener() {
            @Override
            public void onPlayable(Path previewDir) {
                cancel.cancel();
            }
        };

        assertThatThrownBy(() -> pipeline.run(TestMedia.hd720(), out, cancelWhenPlayable, cancel))
                .isInstanceOf(EncodingCancelledException.class);
        assertThat(out.resolve("preview/master.m3u8")).exists();
        assertThat(out.resolve("cmaf")).doesNotExist();
        assertThat(out.resolve("smooth")).doesNotExist();
        assertThat(out.resolve(EncodingLayout.STAGING_DIR)).as("the ladder's intermediates").doesNotExist();
    }

    @Test
    void aClearRunRemovesTheSetsOnlyAProtectedRunWrites() throws Exception {
        for (String encrypted : List.of("hls", "dash")) {
            Files.createDirectories(out.resolve(encrypted));
            Files.writeString(out.resolve(encrypted).resolve("chunk-stream0-00001.m4s"), "left by a protected run");
        }

        pipeline.run(TestMedia.h264Aac(), out, EncodingListener.NONE, new CancelHandle());

        try (Stream<Path> top = Files.list(out)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("preview", "cmaf", "smooth", "progressive", "thumbnails");
        }
    }
}
