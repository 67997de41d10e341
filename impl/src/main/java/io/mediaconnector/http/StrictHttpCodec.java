package io.mediaconnector.http;

import io.mediaconnector.problem.ProblemType;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Grizzly's HTTP/1.1 server codec, made strict and made to answer like the rest of the service.
 * Grizzly parses; this class adds the checks Grizzly leaves out ({@link RequestChecks}, header
 * names that are tokens, a line without a colon), runs the header-read deadline, and replaces the
 * codec's empty 400 with a problem+json (or, on {@code /blob}, Azure XML) answer naming what was
 * wrong, with a request id and an access log line. Every refusal closes the connection: after a
 * malformed request nobody knows where the next one starts.
 */
final class StrictHttpCodec extends HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(StrictHttpCodec.class);
    private static final String REFUSAL = StrictHttpCodec.class.getName() + ".refusal";
    private static final String UNPARSED_TARGET = StrictHttpCodec.class.getName() + ".unparsedTarget";
    /** Set when a Content-Length header was seen: Grizzly drops it from the headers when chunked wins. */
    static final String SAW_CONTENT_LENGTH = StrictHttpCodec.class.getName() + ".sawContentLength";

    private final RefusalAnswers answers;
    private final HeaderTimeouts headerTimeouts;
    private final int maxRequestHeaders;

    @SuppressWarnings("deprecation") // Grizzly offers no builder for this filter yet
    StrictHttpCodec(boolean chunking, int maxHeaderBytes, KeepAlive keepAlive, int maxRequestHeaders,
                    int maxResponseHeaders, RefusalAnswers answers, HeaderTimeouts headerTimeouts) {
        super(chunking, maxHeaderBytes, null, keepAlive, null, maxRequestHeaders, maxResponseHeaders);
        this.answers = answers;
        this.headerTimeouts = headerTimeouts;
        this.maxRequestHeaders = maxRequestHeaders;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        // Taken before the codec runs: on a refusal it recycles the context.
        Connection connection = ctx.getConnection();
        Object input = ctx.getMessage();
        if (!headerTimeouts.bytesArrived(connection)) {
            return ctx.getStopAction(); // timed out: the 408 is written, the connection closing
        }
        NextAction next = super.handleRead(ctx);
        HttpRequestPacket incomplete = headerTimeouts.awaitingTarget(connection);
        if (incomplete != null && input instanceof Buffer buffer) {
            headerTimeouts.target(connection, targetSoFar(incomplete, buffer));
        }
        return next;
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
        HttpRequestPacket request = (HttpRequestPacket) header;
        Optional<Refusal> refusal = RequestChecks.asSent(request);
        if (refusal.isEmpty()) {
            if (super.onHttpHeaderParsed(header, buffer, ctx)) {
                return true;
            }
            refusal = RequestChecks.asUnderstood(request);
        }
        if (refusal.isPresent()) {
            refuse(request, refusal.get());
            return true;
        }
        if (request.getMethodDC().equals("CONNECT") || request.getMethodDC().equals("PRI")) {
            // Grizzly would read everything after them as a tunnel; here they are just unknown methods (405).
            request.setExpectContent(false);
        }
        headerTimeouts.headerComplete(ctx.getConnection());
        return false;
    }

    @Override
    protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HeaderParsingState state,
                                      byte[] input, int end) {
        int start = state.arrayOffset + state.start;
        boolean complete = super.parseHeaderName(header, headers, state, input, end);
        int stop = state.arrayOffset + (complete ? state.offset - 1 : state.offset);
        for (int i = start; i < stop; i++) {
            checkNameByte(input[i] & 0xFF, complete);
        }
        return nameParsed(header, state, complete, stop - start);
    }

    @Override
    protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HeaderParsingState state, Buffer input) {
        int start = state.start;
        boolean complete = super.parseHeaderName(header, headers, state, input);
        int stop = complete ? state.offset - 1 : state.offset;
        for (int i = start; i < stop; i++) {
            checkNameByte(input.get(i) & 0xFF, complete);
        }
        return nameParsed(header, state, complete, stop - start);
    }

    private static boolean nameParsed(HttpHeader header, HeaderParsingState state, boolean complete, int length) {
        if (complete && length == 0) {
            throw new RefusedRequestException(Refusal.malformedHeader("A header field has an empty name."));
        }
        if (complete && state.isContentLengthHeader && header instanceof HttpRequestPacket request) {
            request.setAttribute(SAW_CONTENT_LENGTH, Boolean.TRUE);
        }
        return complete;
    }

    /**
     * Grizzly reads a header name up to the next colon, across line ends: a line without a colon
     * would swallow the next line, or (as the last line) leave the parser waiting for ever.
     */
    private static void checkNameByte(int b, boolean complete) {
        if (b == '\r' || b == '\n') {
            throw new RefusedRequestException(Refusal.malformedHeader("A header line has no colon."));
        }
        if (complete && !RequestChecks.isHeaderName(b)) {
            throw new RefusedRequestException(Refusal.malformedHeader("A header field name is not a token."));
        }
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t) throws IOException {
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (request.getAttribute(REFUSAL) == null) {
            LOG.debug("request header refused", t);
            refuse(request, refusalFor(t));
        }
        if (request.getRequestURIRef().getRequestURIBC().isNull() && ctx.getMessage() instanceof Buffer input) {
            request.setAttribute(UNPARSED_TARGET, unparsedTarget(header, input));
        }
        headerTimeouts.answered(ctx.getConnection());
        super.onHttpHeaderError(header, ctx, t);
    }

    /** The target of a request whose header is incomplete: parsed if its request line is, else as far as it came. */
    private String targetSoFar(HttpRequestPacket request, Buffer input) {
        String parsed = Chunks.text(request.getRequestURIRef().getRequestURIBC(), RefusalAnswers.MAX_ECHOED_TARGET);
        return parsed != null ? parsed : unparsedTarget(request, input);
    }

    /**
     * The start of the target of a request line not (or too long to be) parsed, read from the raw
     * input, so the answer still knows its path (and speaks Azure's dialect on {@code /blob}).
     */
    private String unparsedTarget(HttpHeader header, Buffer input) {
        int start = header instanceof HttpPacketParsing parsing
                ? Math.max(0, parsing.getHeaderParsingState().packetLimit - maxHeadersSize) : 0;
        int end = Math.min(input.limit(), start + RefusalAnswers.MAX_ECHOED_TARGET);
        StringBuilder line = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            line.append((char) (input.get(i) & 0xFF));
        }
        int space = line.indexOf(" ");
        if (space < 0) {
            return null;
        }
        String target = line.substring(space + 1);
        int stop = target.indexOf(' ');
        int query = target.indexOf('?');
        int cut = stop < 0 ? query : query < 0 ? stop : Math.min(stop, query);
        return cut < 0 ? target : target.substring(0, cut);
    }

    @Override
    protected void onHttpContentError(HttpHeader header, FilterChainContext ctx, Throwable t) throws IOException {
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (request.getAttribute(REFUSAL) == null) {
            LOG.debug("request body refused", t);
            refuse(request, Refusal.invalid("The request body is malformed (its chunked encoding does not parse)."));
        }
        super.onHttpContentError(header, ctx, t);
    }

    private Refusal refusalFor(Throwable t) {
        if (t instanceof RefusedRequestException refused) {
            return refused.refusal();
        }
        if (t instanceof MimeHeaders.MaxHeaderCountExceededException) {
            return new Refusal(ProblemType.HEADERS_TOO_LARGE, "The request has more than " + maxRequestHeaders + " header fields.");
        }
        String message = String.valueOf(t.getMessage());
        if (message.contains("intial line is too large") || message.contains("initial line is too large")) {
            return new Refusal(ProblemType.URI_TOO_LONG, "The request line is longer than " + maxHeadersSize + " bytes.");
        }
        if (message.contains("header is too large")) {
            return new Refusal(ProblemType.HEADERS_TOO_LARGE, "The request header is larger than " + maxHeadersSize + " bytes.");
        }
        return Refusal.malformedHeader("The request header does not parse.");
    }

    private static void refuse(HttpRequestPacket request, Refusal refusal) {
        request.setAttribute(REFUSAL, refusal);
        if (!RequestChecks.isHttp11Or10(request.getProtocolDC())) {
            request.setProtocol(Protocol.HTTP_1_1); // so the refusal itself is a well-formed HTTP/1.1 answer
        }
    }

    /** Every answer the codec gives on its own (malformed header or body) passes here. */
    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        HttpRequestPacket request = response.getRequest();
        Refusal refusal = (Refusal) request.getAttribute(REFUSAL);
        if (refusal == null) {
            refusal = Refusal.invalid("The request is malformed.");
        }
        String requestId = RequestIds.newId();
        String target = Chunks.text(request.getRequestURIRef().getRequestURIBC(), RefusalAnswers.MAX_ECHOED_TARGET);
        if (target == null) {
            target = (String) request.getAttribute(UNPARSED_TARGET);
        }
        ErrorDialect.Answer answer = answers.answer(refusal, target, requestId);
        HttpStatus.getHttpStatus(answer.status()).setValues(response);
        answer.headers().forEach(response::setHeader);
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        String method = Chunks.text(request.getMethodDC(), 32);
        RequestIds.logAccess(method == null ? "-" : method, target == null ? "-" : target, answer.status(),
                System.nanoTime(), requestId);
        return HttpContent.builder(response)
                .content(Buffers.wrap(request.getConnection().getMemoryManager(), answer.body()))
                .last(true)
                .build();
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event.type() == RESPONSE_COMPLETE_EVENT.type()) {
            headerTimeouts.responseComplete(ctx.getConnection());
        }
        return super.handleEvent(ctx, event);
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        headerTimeouts.closed(ctx.getConnection());
        return super.handleClose(ctx);
    }

    /** A refusal found in the middle of Grizzly's parsing, carried out through its error path. */
    private static final class RefusedRequestException extends IllegalStateException {
        private final transient Refusal refusal;

        RefusedRequestException(Refusal refusal) {
            super(refusal.detail(), null);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
