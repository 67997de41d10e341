package io.mediaconnector.encoding;

import java.util.function.IntConsumer;

/**
 * Turns ffmpeg's {@code -progress pipe:1 -nostats} output (key=value lines, one block per
 * {@code progress=continue|end}) into a percentage of the input duration. Reports only increases;
 * {@code progress=end} reports 100.
 */
final class FfmpegProgressParser {

    private final double durationMicros;
    private final IntConsumer percentListener;
    private volatile long outTimeMicros = -1;
    private int lastReported = -1;

    FfmpegProgressParser(double durationSeconds, IntConsumer percentListener) {
        this.durationMicros = durationSeconds * 1_000_000d;
        this.percentListener = percentListener;
    }

    /** How far the output got, in seconds of media; 0 before the first report. */
    double outTimeSeconds() {
        return Math.max(0, outTimeMicros) / 1_000_000d;
    }

    void accept(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        switch (key) {
            case "out_time_us" -> outTimeMicros = parseMicros(value, outTimeMicros);
            case "progress" -> {
                if ("end".equals(value)) {
                    report(100);
                } else if (outTimeMicros >= 0 && durationMicros > 0) {
                    report((int) Math.min(99, Math.floor(outTimeMicros * 100d / durationMicros)));
                }
            }
            default -> {
                // other keys (frame, fps, bitrate, speed...) are not needed for a percentage
            }
        }
    }

    private static long parseMicros(String value, long previous) {
        if (value.isEmpty() || "N/A".equals(value)) {
            return previous;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return previous;
        }
    }

    private void report(int percent) {
        int clamped = Math.max(0, Math.min(100, percent));
        if (clamped > lastReported) {
            lastReported = clamped;
            percentListener.accept(clamped);
        }
    }
}
