package io.mediaconnector.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderPlannerTest {

    private final LadderPlanner planner = new LadderPlanner();

    @Test
    void fullHdSourceGetsEveryRung() {
        List<Rendition> ladder = planner.plan(1920, 1080);

        assertThat(ladder).extracting(Rendition::name).containsExactly("1080p", "720p", "480p", "360p", "240p");
        assertThat(ladder).extracting(Rendition::width).containsExactly(1920, 1280, 854, 640, 426);
        assertThat(ladder).extracting(Rendition::height).containsExactly(1080, 720, 480, 360, 240);
        assertThat(ladder).extracting(Rendition::videoBitrate).isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void neverAboveTheSource() {
        assertThat(planner.plan(1280, 720)).extracting(Rendition::height).containsExactly(720, 480, 360, 240);
        assertThat(planner.plan(640, 360)).extracting(Rendition::height).containsExactly(360, 240);
        assertThat(planner.plan(1000, 562)).extracting(Rendition::height).containsExactly(480, 360, 240);
    }

    @Test
    void portraitLadderIsPlannedOnTheShortSide() {
        List<Rendition> ladder = planner.plan(720, 1280);

        assertThat(ladder).extracting(Rendition::name).containsExactly("720p", "480p", "360p", "240p");
        assertThat(ladder.get(0)).extracting(Rendition::width, Rendition::height).containsExactly(720, 1280);
        assertThat(ladder.get(3)).extracting(Rendition::width, Rendition::height).containsExactly(240, 426);
    }

    @Test
    void aspectRatioIsKeptAndSizesAreEven() {
        for (int[] source : new int[][] {{641, 361}, {480, 360}, {1920, 800}, {1080, 1920}, {999, 777}, {3840, 2160}}) {
            for (Rendition r : planner.plan(source[0], source[1])) {
                assertThat(r.width() % 2).as("%s of %sx%s", r, source[0], source[1]).isZero();
                assertThat(r.height() % 2).as("%s of %sx%s", r, source[0], source[1]).isZero();
                double sourceAspect = (double) source[0] / source[1];
                assertThat((double) r.width() / r.height()).isCloseTo(sourceAspect, org.assertj.core.data.Percentage.withPercentage(1.5));
            }
        }
    }

    @Test
    void fourByThreeRungsAreNarrowerAndCheaper() {
        Rendition sd = planner.plan(640, 480).get(0);

        assertThat(sd).extracting(Rendition::width, Rendition::height).containsExactly(640, 480);
        assertThat(sd.videoBitrate()).isLessThan(planner.plan(854, 480).get(0).videoBitrate());
    }

    @Test
    void tinySourceGetsOneRungAtItsOwnSizeRoundedToEven() {
        List<Rendition> ladder = planner.plan(177, 101);

        assertThat(ladder).hasSize(1);
        assertThat(ladder.get(0)).extracting(Rendition::name, Rendition::width, Rendition::height)
                .containsExactly("100p", 176, 100);
        assertThat(ladder.get(0).videoBitrate()).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void middleAndLowest() {
        List<Rendition> five = planner.plan(1920, 1080);
        List<Rendition> two = planner.plan(640, 360);

        assertThat(planner.middle(five).name()).isEqualTo("480p");
        assertThat(planner.middle(two).name()).isEqualTo("360p");
        assertThat(planner.middle(planner.plan(1280, 720)).name()).isEqualTo("480p");
        assertThat(planner.lowest(five).name()).isEqualTo("240p");
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> planner.plan(0, 720)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scaleToHeightKeepsAspectAndNeverUpscales() {
        assertThat(LadderPlanner.scaleToHeight(640, 360, 720)).containsExactly(640, 360);
        assertThat(LadderPlanner.scaleToHeight(1280, 720, 240)).containsExactly(426, 240);
        assertThat(LadderPlanner.scaleToHeight(360, 640, 240)).containsExactly(134, 240);
    }
}
