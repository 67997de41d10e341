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
    void ladderIsOneRunWithAlignedKeyframes() {
        List<String> args = CmafPackager.ladderArgs(IN, new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("mp3", 2)), ladder, OUT.resolve("ladder.mp4"));

        assertThat(String.join(" ", args))
                .contains("-protocol_whitelist file -i /in/clip.mp4")
                .contains("[0:v:0]split=4[s0][s1][s2][s3];[s0]scale=1280:720:flags=bilinear,format=yuv420p[v0]")
                .contains("-map [v3] -b:v:0 2800k")
                .contains("-map 0:a:0 -c:a aac -ac 2 -b:a 128k")
                .contains("-c:v libopenh264 -profile:v high -g 60 -force_key_frames expr:gte(t,n_forced*2)")
                .contains("-progress pipe:1 -nostats")
                .doesNotContain("setsar");
    }

    @Test
    void withoutAudioNoAudioIsEncodedOrPackaged() {
        ProbeResult silent = new ProbeResult(10, 1, "mp4", VIDEO, null);
        assertThat(CmafPackager.ladderArgs(IN, silent, ladder, OUT.resolve("ladder.mp4"))).doesNotContain("0:a:0", "-c:a");
        assertThat(CmafPackager.packageArgs(OUT.resolve("ladder.mp4"), silent, OUT)).contains("id=0,streams=v");
        assertThat(CmafPackager.mergeArgs(OUT.resolve("upper.mp4"), OUT.resolve("lowest.mp4"), silent,
                OUT.resolve("ladder.mp4"))).doesNotContain("1:a");
    }

    @Test
    void upperRenditionsAreEncodedWithoutAudioAndJoinedToTheLowestByStreamCopy() {
        ProbeResult probe = new ProbeResult(10, 1, "mp4", VIDEO, new AudioStreamInfo("mp3", 2));
        List<String> upper = CmafPackager.ladderVideoArgs(IN, probe, ladder.subList(0, 3), OUT.resolve("upper.mp4"));
        List<String> merge = CmafPackager.mergeArgs(OUT.resolve("upper.mp4"), OUT.resolve("lowest.mp4"), probe,
                OUT.resolve("ladder.mp4"));

        assertThat(String.join(" ", upper))
                .contains("split=3")
                .contains("-c:v libopenh264 -profile:v high -g 60 -force_key_frames expr:gte(t,n_forced*2)")
                .doesNotContain("-c:a", "0:a:0")
                .endsWith("-f mp4 /out/upper.mp4");
        assertThat(String.join(" ", merge))
                .contains("-i /out/upper.mp4 -protocol_whitelist file -i /out/lowest.mp4")
                .contains("-map 0:v -map 1:v -map 1:a -c copy")
                .endsWith("-f mp4 /out/ladder.mp4")
                .doesNotContain("libopenh264", "-filter_complex");
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
