package io.mediaconnector.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the renditions of the adaptive ladder from the source's display size.
 *
 * <p>Rules:
 * <ul>
 *   <li>Rungs are 1080p, 720p, 480p, 360p and 240p, where the number is the <em>short side</em> of
 *       the picture as displayed (after rotation). A landscape 1280x720 source gets 720p and below;
 *       a portrait 720x1280 phone video also gets 720p (720x1280) and below, so portrait and
 *       landscape videos of the same camera get the same quality.</li>
 *   <li>Never above the source: a rung is used only if its short side is at most the source's.</li>
 *   <li>The aspect ratio is kept, both dimensions are even (H.264 4:2:0 needs that).</li>
 *   <li>At least one rung: a source whose short side is under 240 gets one rung at its own size,
 *       rounded down to even.</li>
 *   <li>Bitrates are given for the 16:9 size of each rung and scaled with the pixel count for
 *       other aspect ratios, between half and 1.5 times the 16:9 figure.</li>
 * </ul>
 * Pure rules, no I/O.
 */
public final class LadderPlanner {

    private record Rung(int shortSide, int bitrate16x9) {
    }

    private static final List<Rung> RUNGS = List.of(
            new Rung(1080, 5_000_000),
            new Rung(720, 2_800_000),
            new Rung(480, 1_400_000),
            new Rung(360, 800_000),
            new Rung(240, 400_000));
    private static final int MIN_BITRATE = 100_000;

    /** Renditions for a source displayed at {@code displayWidth x displayHeight}, highest first. */
    public List<Rendition> plan(int displayWidth, int displayHeight) {
        if (displayWidth <= 1 || displayHeight <= 1) {
            throw new IllegalArgumentException("Invalid source size " + displayWidth + "x" + displayHeight);
        }
        int sourceShort = Math.min(displayWidth, displayHeight);
        List<Rendition> ladder = new ArrayList<>();
        for (Rung rung : RUNGS) {
            if (rung.shortSide() <= sourceShort) {
                ladder.add(rendition(displayWidth, displayHeight, rung.shortSide(), rung.bitrate16x9(), rung.shortSide() + "p"));
            }
        }
        if (ladder.isEmpty()) {
            int shortSide = even(sourceShort);
            Rung smallest = RUNGS.get(RUNGS.size() - 1);
            int bitrate = (int) Math.max(MIN_BITRATE, (long) smallest.bitrate16x9() * shortSide / smallest.shortSide());
            ladder.add(rendition(displayWidth, displayHeight, shortSide, bitrate, shortSide + "p"));
        }
        return List.copyOf(ladder);
    }

    /** The rendition of {@code ladder} used for the progressive MP4: the middle one, rounding up. */
    public Rendition middle(List<Rendition> ladder) {
        return ladder.get((ladder.size() - 1) / 2);
    }

    /** The smallest rendition, used to make a video playable early when the source cannot be copied. */
    public Rendition lowest(List<Rendition> ladder) {
        return ladder.get(ladder.size() - 1);
    }

    /** An even size of height {@code targetHeight} (at most the source's) keeping the aspect ratio. */
    public static int[] scaleToHeight(int displayWidth, int displayHeight, int targetHeight) {
        int height = even(Math.min(targetHeight, displayHeight));
        int width = even((int) Math.round((double) displayWidth * height / displayHeight));
        return new int[] {Math.max(2, width), Math.max(2, height)};
    }

    private static Rendition rendition(int sourceWidth, int sourceHeight, int shortSide, int bitrate16x9, String name) {
        boolean portrait = sourceHeight > sourceWidth;
        int sourceShort = portrait ? sourceWidth : sourceHeight;
        int sourceLong = portrait ? sourceHeight : sourceWidth;
        int outShort = Math.max(2, even(shortSide));
        int outLong = Math.max(2, evenNearest((double) sourceLong * outShort / sourceShort));
        int width = portrait ? outShort : outLong;
        int height = portrait ? outLong : outShort;
        double pixels16x9 = shortSide * (shortSide * 16.0 / 9.0);
        double scale = Math.max(0.5, Math.min(1.5, (double) width * height / pixels16x9));
        int bitrate = (int) Math.max(MIN_BITRATE, Math.round(bitrate16x9 * scale / 1000.0) * 1000);
        return new Rendition(name, width, height, bitrate);
    }

    private static int even(int value) {
        return value - (value % 2);
    }

    private static int evenNearest(double value) {
        return (int) Math.round(value / 2.0) * 2;
    }
}
