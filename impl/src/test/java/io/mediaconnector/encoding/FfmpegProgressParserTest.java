package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegProgressParserTest {

    /** Captured from {@code ffmpeg ... -progress pipe:1 -nostats} (bundled 8.1.2), trimmed. */
    private static final String SAMPLE = """
            frame=0
            fps=0.00
            stream_0_0_q=0.0
            bitrate=N/A
            total_size=N/A
            out_time_us=N/A
            out_time_ms=N/A
            out_time=N/A
            dup_frames=0
            drop_frames=0
            speed=N/A
            progress=continue
            frame=52
            fps=0.00
            stream_0_0_q=-0.0
            bitrate=N/A
            total_size=N/A
            out_time_us=1960000
            out_time_ms=1960000
            out_time=00:00:01.960000
            dup_frames=0
            drop_frames=0
            speed=3.91x
            progress=continue
            frame=125
            fps=0.00
            stream_0_0_q=-0.0
            bitrate=N/A
            total_size=N/A
            out_time_us=5000000
            out_time_ms=5000000
            out_time=00:00:05.000000
            dup_frames=0
            drop_frames=0
            speed=8.58x
            progress=end
            """;

    @Test
    void reportsPercentOfDurationAndHundredAtTheEnd() {
        List<Integer> percents = new ArrayList<>();
        FfmpegProgressParser parser = new FfmpegProgressParser(5.0, percents::add);

        SAMPLE.lines().forEach(parser::accept);

        assertThat(percents).containsExactly(39, 100);
    }

    @Test
    void neverGoesBackNorReachesHundredBeforeTheEnd() {
        List<Integer> percents = new ArrayList<>();
        FfmpegProgressParser parser = new FfmpegProgressParser(4.0, percents::add);

        for (String line : List.of("out_time_us=3000000", "progress=continue", "out_time_us=1000000",
                "progress=continue", "out_time_us=9000000", "progress=continue", "garbage", "=x",
                "out_time_us=abc", "progress=continue")) {
            parser.accept(line);
        }

        assertThat(percents).containsExactly(75, 99);
    }

    @Test
    void unknownDurationOnlyReportsTheEnd() {
        List<Integer> percents = new ArrayList<>();
        FfmpegProgressParser parser = new FfmpegProgressParser(0, percents::add);

        SAMPLE.lines().forEach(parser::accept);

        assertThat(percents).containsExactly(100);
    }
}
