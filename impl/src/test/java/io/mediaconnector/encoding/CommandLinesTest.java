package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

    private static final VideoStreamInfo VIDEO = new VideoStreamInfo("mpeg4", "", 1280, 720, 0, 30, "yuv420p");
    private static final Path IN = Path.of("/in/clip.mp4");
    private static final Path OUT = Path.of("/out");
    private final List<Rendition> ladder = new LadderPlanner().plan(1280, 720);

    @Test
    void ladderIsOneRunWithAlignedKeyframesIntoDashAndHls() {
        List<String> args = CmafPackager.encodeArgs(IN, new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("mp3", 2)), ladder, OUT);

        assertThat(String.join(" ", args))
                .contains("-protocol_whitelist file -i /in/clip.mp4")
                .contains("[0:v:0]split=4[s0][s1][s2][s3];[s0]scale=1280:720:flags=bilinear,format=yuv420p[v0]")
                .contains("-map [v3] -b:v:0 2800k")
                .contains("-map 0:a:0 -c:a aac -ac 2 -b:a 128k")
                .contains("-c:v libopenh264 -profile:v high -g 60 -force_key_frames expr:gte(t,n_forced*2)")
                .contains("-use_timeline 0 -adaptation_sets id=0,streams=v id=1,streams=a -hls_playlist 1 -hls_master_name master.m3u8 /out/manifest.mpd")
                .contains("-progress pipe:1 -nostats")
                .doesNotContain("setsar");
    }

    @Test
    void withoutAudioThereIsNoAudioAdaptationSet() {
        List<String> args = CmafPackager.encodeArgs(IN, new ProbeResult(10, 1, "mp4", VIDEO, null), ladder, OUT);

        assertThat(args).contains("id=0,streams=v").doesNotContain("0:a:0", "-c:a");
    }

    @Test
    void streamCopyPreviewUsesASegmentTimeline() {
        List<String> args = CmafPackager.streamCopyArgs(IN, new ProbeResult(10, 1, "mp4", VIDEO, null), OUT);

        assertThat(String.join(" ", args)).contains("-map 0:v:0 -c copy").contains("-use_timeline 1");
    }

    @Test
    void theLadderIsEncodedOnceIntoAnIntermediateMp4() {
        List<String> args = CmafPackager.ladderArgs(IN, new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("mp3", 2)), ladder, OUT.resolve("ladder.mp4"));

        assertThat(String.join(" ", args))
                .contains("split=4")
                .contains("-c:v libopenh264 -profile:v high -g 60 -force_key_frames expr:gte(t,n_forced*2)")
                .endsWith("-f mp4 /out/ladder.mp4")
                .doesNotContain("-f dash");
    }

    @Test
    void cmafIsPackagedFromTheLadderByStreamCopy() {
        List<String> args = CmafPackager.packageArgs(Path.of("/w/ladder.mp4"), new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("aac", 2)), OUT);

        assertThat(String.join(" ", args))
                .contains("-i /w/ladder.mp4 -map 0 -c copy")
                .contains("-use_timeline 0 -adaptation_sets id=0,streams=v id=1,streams=a")
                .doesNotContain("libopenh264", "-c:a aac", "-filter_complex");
    }

    @Test
    void smoothStreamingIsAStreamCopyStartingAtZero() {
        List<String> args = SmoothStreamingPackager.args(Path.of("/w/ladder.mp4"), new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("aac", 2)), OUT);

        assertThat(String.join(" ", args))
                .contains("-i /w/ladder.mp4 -map 0 -c copy -bsf:v setts=ts=TS-STARTPTS -bsf:a setts=ts=TS-STARTPTS")
                .contains("-f smoothstreaming -min_frag_duration 2000000 /out/video.ism")
                .doesNotContain("libopenh264", "-filter_complex");
    }

    @Test
    void progressiveIsAFastStartRemuxOfOneRendition() {
        List<String> args = ProgressiveEncoder.args(Path.of("/w/ladder.mp4"), new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("aac", 2)), 1, OUT.resolve("video.mp4"));

        assertThat(String.join(" ", args))
                .contains("-map 0:v:1 -map 0:a:0 -c copy")
                .contains("-movflags +faststart -f mp4 /out/video.mp4")
                .doesNotContain("libopenh264");
    }
}
