package io.mediaconnector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.mediaconnector.generated.server.model.Problem;
import io.mediaconnector.http.ErrorDialect;
import io.mediaconnector.http.Refusal;

import java.util.Map;

/** The API's words for errors found outside its resources: problem+json, like every other error of the API. */
public final class ProblemDialect implements ErrorDialect {
    private final ObjectWriter problems;

    public ProblemDialect(ObjectMapper json) {
        this.problems = json.writerFor(Problem.class);
    }

    @Override
    public Answer answer(Refusal refusal, String rawPath, String requestId) {
        try {
            byte[] body = problems.writeValueAsBytes(Problems.of(refusal.type(), refusal.detail(), rawPath, requestId));
            return new Answer(refusal.type().status(), Problems.MEDIA_TYPE, Map.of(), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem did not serialize", e);
        }
    }
}
