package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;

/**
 * Grizzly's error page for a failure inside a handler that nothing else caught: a problem (or
 * Azure XML on {@code /blob}) with a request id instead of an HTML page with a stack trace.
 * Jersey maps its own errors; this is the net under everything else.
 */
final class ProblemErrorPages implements ErrorPageGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorPages.class);

    private final RefusalAnswers answers;

    ProblemErrorPages(RefusalAnswers answers) {
        this.answers = answers;
    }

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        String requestId = RequestIds.newId();
        MDC.put(RequestIds.MDC_KEY, requestId); // until logAccess below
        ProblemType type = ProblemType.forStatus(status);
        if (exception != null || status >= 500) {
            LOG.error("unexpected failure in request {} {} {}", requestId, request.getMethod(), request.getRequestURI(), exception);
        }
        String detail = status >= 500
                ? "Something unexpected failed. Quote request id " + requestId + " when reporting it."
                : type.title() + ".";
        ErrorDialect.Answer answer = answers.answer(new Refusal(type, detail), request.getRequestURI(), requestId);
        Response response = request.getResponse();
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(answer.contentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        RequestIds.logAccess(request.getMethod().getMethodString(), request.getRequestURI(), answer.status(), System.nanoTime(),
                requestId);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
