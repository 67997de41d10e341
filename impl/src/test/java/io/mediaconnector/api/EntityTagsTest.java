package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.problem.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityTagsTest {
    @Test
    void ifNoneMatchHitsOnTheCurrentTagAnyListedTagOrStar() {
        assertThat(EntityTags.noneMatchHits("\"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchHits("\"1\", \"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchHits("W/\"3\"", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchHits("*", "\"3\"")).isTrue();
        assertThat(EntityTags.noneMatchHits("\"2\"", "\"3\"")).isFalse();
        assertThat(EntityTags.noneMatchHits(null, "\"3\"")).isFalse();
    }

    @Test
    void ifMatchYieldsTheVersionOrNothing() {
        assertThat(EntityTags.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(EntityTags.expectedVersion(null)).isNull();
        assertThat(EntityTags.expectedVersion("*")).isNull();
    }

    @Test
    void anIfMatchThisServiceNeverIssuedFails() {
        assertThatThrownBy(() -> EntityTags.expectedVersion("\"abc\""))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED));
        assertThatThrownBy(() -> EntityTags.expectedVersion("W/\"7\""))
                .isInstanceOf(ProblemException.class);
    }
}
