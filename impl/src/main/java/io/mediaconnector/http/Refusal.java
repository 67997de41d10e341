package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;

/** Why a request is answered outside its application's own code, and the detail to tell the client. */
public record Refusal(ProblemType type, String detail) {

    static Refusal malformedUri(String detail) {
        return new Refusal(ProblemType.MALFORMED_URI, detail);
    }

    static Refusal malformedHeader(String detail) {
        return new Refusal(ProblemType.MALFORMED_HEADER, detail);
    }

    static Refusal ambiguousFraming(String detail) {
        return new Refusal(ProblemType.AMBIGUOUS_FRAMING, detail);
    }

    static Refusal invalid(String detail) {
        return new Refusal(ProblemType.INVALID_REQUEST, detail);
    }
}
