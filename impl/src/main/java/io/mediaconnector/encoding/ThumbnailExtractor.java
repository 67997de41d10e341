package io.mediaconnector.encoding;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.imageio.ImageIO;

/**
 * Takes the poster and evenly spaced thumbnails as JPEG files.
 *
 * <p>The poster must not be the black (or flat) picture many videos open with: candidates are
 * taken at 10 %, 30 %, 50 % and 70 % of the duration, each the most representative frame of the
 * following second (ffmpeg's {@code thumbnail} filter), and the first one that is neither dark nor
 * flat wins; when all are, the one with the most detail.
 *
 * <p>Each picture is one short ffmpeg run that seeks before opening the input (decoding starts at
 * the keyframe before the instant, not at the beginning); the runs are independent, so they go in
 * parallel on the executor the caller passes.
 */
final class ThumbnailExtractor {

    private static final double[] POSTER_CANDIDATES = {0.1, 0.3, 0.5, 0.7};
    /** Mean luma (0..255) under which a picture counts as black. */
    static final double DARK_LUMA = 24;
    /** Luma standard deviation under which a picture counts as flat (a single colour). */
    static final double FLAT_LUMA_DEVIATION = 8;

    private final ProcessRunner runner;

    ThumbnailExtractor(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Writes {@code poster.jpg} into {@code dir}; the returned path is relative to the output directory.
     * The candidates are taken in parallel on {@code executor} (one short ffmpeg run each, seeking
     * before the input), then judged in order.
     */
    Thumbnail poster(Path input, ProbeResult probe, int maxHeight, Path dir, String relativeDir,
                     Duration timeout, CancelHandle cancel, Executor executor) {
        return poster(input, 0, probe, maxHeight, dir, relativeDir, timeout, cancel, executor);
    }

    /** Like the other, from video stream {@code videoStream} of {@code input} (e.g. a rendition of the ladder). */
    Thumbnail poster(Path input, int videoStream, ProbeResult probe, int maxHeight, Path dir, String relativeDir,
                     Duration timeout, CancelHandle cancel, Executor executor) {
        int[] size = size(probe, maxHeight);
        int framesPerSecond = (int) Math.max(2, Math.min(60, Math.round(probe.video().frameRate())));
        Path target = dir.resolve(EncodingLayout.POSTER);
        List<CompletableFuture<Boolean>> grabs = new ArrayList<>();
        for (int i = 0; i < POSTER_CANDIDATES.length; i++) {
            double time = probe.durationSeconds() * POSTER_CANDIDATES[i];
            Path candidate = dir.resolve("poster-candidate-" + i + ".jpg");
            grabs.add(CompletableFuture.supplyAsync(() -> grab(input, videoStream, time,
                    "thumbnail=n=" + framesPerSecond + "," + scale(size), candidate, timeout, cancel), executor));
        }
        Path best = null;
        double bestTime = 0;
        double bestScore = -1;
        for (int i = 0; i < POSTER_CANDIDATES.length; i++) {
            double time = probe.durationSeconds() * POSTER_CANDIDATES[i];
            Path candidate = dir.resolve("poster-candidate-" + i + ".jpg");
            if (!join(grabs.get(i))) {
                continue;
            }
            LumaStats luma = LumaStats.of(candidate);
            if (!luma.isDarkOrFlat()) {
                awaitAll(grabs);
                return keep(candidate, target, best, time, size, relativeDir);
            }
            if (luma.deviation() + luma.mean() / 4 > bestScore) {
                deleteQuietly(best);
                best = candidate;
                bestTime = time;
                bestScore = luma.deviation() + luma.mean() / 4;
            } else {
                deleteQuietly(candidate);
            }
        }
        if (best == null) {
            throw new EncodingException("Could not take a poster picture from the video");
        }
        return keep(best, target, null, bestTime, size, relativeDir);
    }

    /** Like {@link #poster(Path, ProbeResult, int, Path, String, Duration, CancelHandle, Executor)}, one run at a time. */
    Thumbnail poster(Path input, ProbeResult probe, int maxHeight, Path dir, String relativeDir,
                     Duration timeout, CancelHandle cancel) {
        return poster(input, probe, maxHeight, dir, relativeDir, timeout, cancel, Runnable::run);
    }

    /**
     * Writes {@code count} thumbnails at the middle of {@code count} equal parts of the video, in
     * parallel on {@code executor}.
     */
    List<Thumbnail> thumbnails(Path input, ProbeResult probe, int count, int maxHeight, Path dir, String relativeDir,
                               Duration timeout, CancelHandle cancel, Executor executor) {
        return thumbnails(input, 0, probe, count, maxHeight, dir, relativeDir, timeout, cancel, executor);
    }

    /** Like the other, from video stream {@code videoStream} of {@code input} (e.g. a rendition of the ladder). */
    List<Thumbnail> thumbnails(Path input, int videoStream, ProbeResult probe, int count, int maxHeight, Path dir,
                               String relativeDir, Duration timeout, CancelHandle cancel, Executor executor) {
        int[] size = size(probe, maxHeight);
        List<CompletableFuture<Boolean>> grabs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double time = probe.durationSeconds() * (i + 0.5) / count;
            Path file = dir.resolve(EncodingLayout.thumbnailName(i + 1));
            grabs.add(CompletableFuture.supplyAsync(() -> grab(input, videoStream, time, scale(size), file, timeout, cancel), executor));
        }
        List<Thumbnail> thumbnails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double time = probe.durationSeconds() * (i + 0.5) / count;
            String name = EncodingLayout.thumbnailName(i + 1);
            boolean written = join(grabs.get(i))
                    || grab(input, videoStream, Math.max(0, time - 1), scale(size), dir.resolve(name), timeout, cancel);
            if (!written) {
                throw new EncodingException("Could not take a thumbnail at " + FfmpegArgs.seconds(time) + " s");
            }
            thumbnails.add(new Thumbnail(Thumbnail.Kind.THUMBNAIL, i + 1, time, size[0], size[1], relativeDir + "/" + name));
        }
        return thumbnails;
    }

    /** Like {@link #thumbnails(Path, ProbeResult, int, int, Path, String, Duration, CancelHandle, Executor)}, one run at a time. */
    List<Thumbnail> thumbnails(Path input, ProbeResult probe, int count, int maxHeight, Path dir, String relativeDir,
                               Duration timeout, CancelHandle cancel) {
        return thumbnails(input, probe, count, maxHeight, dir, relativeDir, timeout, cancel, Runnable::run);
    }

    private static void awaitAll(List<CompletableFuture<Boolean>> grabs) {
        grabs.forEach(ThumbnailExtractor::join);
    }

    /** The result of a grab; its failure (cancel, time limit) rethrown as it was. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private boolean grab(Path input, int videoStream, double time, String filter, Path file, Duration timeout,
                         CancelHandle cancel) {
        List<String> args = FfmpegArgs.readingFrom(input, time)
                .add("-map", "0:v:" + videoStream, "-vf", filter, "-frames:v", "1", "-q:v", "3",
                        "-update", "1", "-f", "image2", file.toString())
                .build();
        ProcessRunner.Outcome outcome = runner.ffmpeg(args, timeout, cancel, line -> { });
        try {
            return outcome.succeeded() && Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Thumbnail keep(Path chosen, Path target, Path other, double time, int[] size, String relativeDir) {
        try {
            Files.move(chosen, target, StandardCopyOption.REPLACE_EXISTING);
            deleteQuietly(other);
            try (var leftovers = Files.list(target.getParent())) {
                leftovers.filter(p -> p.getFileName().toString().startsWith("poster-candidate-"))
                        .forEach(ThumbnailExtractor::deleteQuietly);
            }
        } catch (IOException e) {
            throw new EncodingException("Could not store the poster picture", e);
        }
        return new Thumbnail(Thumbnail.Kind.POSTER, 0, time, size[0], size[1], relativeDir + "/" + EncodingLayout.POSTER);
    }

    /**
     * The rendition of {@code ladder} to take pictures of height {@code maxHeight} from: the
     * smallest at least as large as the picture (cheapest to decode), else the largest.
     */
    static int renditionFor(List<Rendition> ladder, ProbeResult probe, int maxHeight) {
        int[] size = size(probe, maxHeight);
        int chosen = 0;
        for (int i = 0; i < ladder.size(); i++) {
            if (ladder.get(i).width() >= size[0] && ladder.get(i).height() >= size[1]) {
                chosen = i;
            }
        }
        return chosen;
    }

    private static int[] size(ProbeResult probe, int maxHeight) {
        return LadderPlanner.scaleToHeight(probe.video().displayWidth(), probe.video().displayHeight(), maxHeight);
    }

    private static String scale(int[] size) {
        return "scale=" + size[0] + ":" + size[1];
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover candidate is removed with the staging directory anyway
        }
    }

    /** Mean and standard deviation of the luma (Rec. 601) of a picture. */
    record LumaStats(double mean, double deviation) {

        boolean isDarkOrFlat() {
            return mean < DARK_LUMA || deviation < FLAT_LUMA_DEVIATION;
        }

        static LumaStats of(Path jpeg) {
            BufferedImage image;
            try {
                image = ImageIO.read(jpeg.toFile());
            } catch (IOException e) {
                throw new EncodingException("Could not read a picture taken from the video", e);
            }
            if (image == null) {
                throw new EncodingException("Could not read a picture taken from the video");
            }
            double sum = 0;
            double sumOfSquares = 0;
            int step = Math.max(1, Math.min(image.getWidth(), image.getHeight()) / 90);
            long count = 0;
            for (int y = 0; y < image.getHeight(); y += step) {
                for (int x = 0; x < image.getWidth(); x += step) {
                    int rgb = image.getRGB(x, y);
                    double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                    sum += luma;
                    sumOfSquares += luma * luma;
                    count++;
                }
            }
            double mean = sum / count;
            return new LumaStats(mean, Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean)));
        }
    }
}
