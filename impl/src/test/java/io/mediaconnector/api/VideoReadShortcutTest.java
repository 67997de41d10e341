package io.mediaconnector.api;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the shortcut answers itself; everything else must reach Jersey. */
class VideoReadShortcutTest {
    private static final String ID = "0b9e4d0e-8c2a-4f7e-9a51-3d2f7c1b6a90";
    private static final String PATH = "/api/Videos/" + ID;

    @Test
    void takesAPlainGetOfAVideo() {
        assertThat(VideoReadShortcut.plainVideoRead("GET", PATH, null, null)).isEqualTo(UUID.fromString(ID));
        assertThat(VideoReadShortcut.plainVideoRead("GET", PATH, null, "*/*")).isEqualTo(UUID.fromString(ID));
        assertThat(VideoReadShortcut.plainVideoRead("GET", PATH, null, "application/json, application/problem+json"))
                .isEqualTo(UUID.fromString(ID));
    }

    @Test
    void leavesOtherMethodsPathsAndQueriesToJersey() {
        assertThat(VideoReadShortcut.plainVideoRead("HEAD", PATH, null, null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("PUT", PATH, null, null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", PATH, "x=1", null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", PATH + "/Status", null, null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", "/api/videos/" + ID, null, null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", "/api/Videos/", null, null)).isNull();
    }

    @Test
    void leavesIdsThatAreNotCanonicalUuidsToJersey() {
        assertThat(VideoReadShortcut.plainVideoRead("GET", PATH.toUpperCase().replace("/API/VIDEOS/", "/api/Videos/"),
                null, null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", "/api/Videos/0b9e4d0e%2D8c2a-4f7e-9a51-3d2f7c1b6a9", null,
                null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", "/api/Videos/0b9e4d0e-8c2a-4f7e-9a51+3d2f7c1b6a90", null,
                null)).isNull();
        assertThat(VideoReadShortcut.plainVideoRead("GET", "/api/Videos/../Videos/0b9e4d0e-8c2a-4f7e-9a5", null,
                null)).isNull();
    }

    @Test
    void leavesAnyRealNegotiationToJersey() {
        assertThat(VideoReadShortcut.takesJson("text/html")).isFalse();
        assertThat(VideoReadShortcut.takesJson("application/json;q=0")).isFalse();
        assertThat(VideoReadShortcut.takesJson("application/json; charset=utf-8")).isFalse();
        assertThat(VideoReadShortcut.takesJson("application/problem+json")).isFalse();
        assertThat(VideoReadShortcut.takesJson("text/plain, application/*")).isTrue();
        assertThat(VideoReadShortcut.takesJson("APPLICATION/JSON")).isTrue();
    }
}
