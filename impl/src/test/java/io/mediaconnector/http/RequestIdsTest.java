package io.mediaconnector.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/** The access line carries the request id in the MDC, and is the last line that does. */
class RequestIdsTest {
    private final Logger access = (Logger) LoggerFactory.getLogger("access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        access.detachAppender(lines);
        MDC.clear();
    }

    @Test
    void theAccessLineCarriesTheRequestIdAndEndsTheRequestsLogging() {
        String id = RequestIds.newId();
        MDC.put(RequestIds.MDC_KEY, id);

        RequestIds.logAccess("GET", "/api/Videos", 200, System.nanoTime(), id);

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).matches("GET /api/Videos 200 \\d+\\.\\d{3}ms");
            assertThat(line.getMDCPropertyMap()).containsEntry(RequestIds.MDC_KEY, id);
        });
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    @Test
    void aRequestRefusedBeforeItHadAnIdInTheMdcGetsOneOnItsAccessLine() {
        String id = RequestIds.newId();

        RequestIds.logAccess("-", "/api/Videos", 400, System.nanoTime(), id);

        assertThat(lines.list).singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).containsEntry(RequestIds.MDC_KEY, id));
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }
}
