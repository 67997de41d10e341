package io.mediaconnector.video;

import io.mediaconnector.failure.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCursorTest {
    @Test
    void roundTripsToTheMicrosecond() {
        PageCursor cursor = new PageCursor(OffsetDateTime.parse("2026-11-27T10:15:30.123456Z"), UUID.randomUUID());
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void rejectsTokensItDidNotIssue() {
        assertThatThrownBy(() -> PageCursor.decode("not-a-token"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pageToken");
        assertThatThrownBy(() -> PageCursor.decode("MTIzOm5vdC1hLXV1aWQ"))
                .isInstanceOf(InvalidInputException.class);
    }
}
