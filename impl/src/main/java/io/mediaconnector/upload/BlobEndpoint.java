package io.mediaconnector.upload;

import io.mediaconnector.storage.BlobProperties;
import io.mediaconnector.storage.BlobRead;
import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.BlockList;
import io.mediaconnector.storage.BlockReference;
import io.mediaconnector.storage.ByteRange;
import io.mediaconnector.storage.CommitOptions;
import io.mediaconnector.storage.ContentMismatchException;
import io.mediaconnector.storage.InvalidBlobNameException;
import io.mediaconnector.storage.RangeHeader;
import io.mediaconnector.storage.StagedBlock;
import io.mediaconnector.storage.WriteOptions;
import io.mediaconnector.support.BoundedInputStream;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of the Azure Blob REST API that Azure SDKs and AzCopy use to upload one file and read
 * it back: Put Blob, Put Block, Put Block List, Get Block List, Get Blob, Get Blob Properties.
 *
 * <h2>URL shape</h2>
 * {@code <base>/blob/<container>/<blob>?<container SAS>}, where {@code <base>} always carries an
 * explicit port (e.g. {@code https://media.example.com:443}). Azure SDKs treat a URL whose
 * authority has an explicit port as "IP style" ({@code /<account>/<container>/<blob>}), so they see
 * account {@code blob}, container {@code asset-…} and blob {@code <guid>.mp4}, and send every request
 * back to exactly this path. Without the port they would read {@code blob} as the container.
 *
 * <h2>Who may do what</h2>
 * Reads need a SAS with {@code r}. Writes need {@code c} or {@code w}, and {@link UploadTargets}
 * must know the container, still accept uploads, and name this blob. A closed upload answers
 * 409 {@code BlobImmutableDueToPolicy}: the blob is now immutable, which is what Azure says when a
 * policy forbids changing a blob.
 *
 * <h2>Query parameters</h2>
 * Parsed from the raw query with percent-decoding only ('+' stays '+'), because block ids and
 * signatures are base64 and some clients do not escape '+'.
 *
 * <h2>Errors</h2>
 * The endpoint's own checks throw {@link AzureErrorException}; the store's failures and I/O
 * errors are left to {@link StoreFailureMapper} and {@link IoFailureMapper}.
 */
@Path("blob/{container}/{blob: .+}")
public final class BlobEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(BlobEndpoint.class);
    private static final Set<SasPermission> READ = EnumSet.of(SasPermission.READ);
    private static final Set<SasPermission> WRITE = EnumSet.of(SasPermission.CREATE, SasPermission.WRITE);
    private static final long MAX_BLOCK_LIST_BYTES = 8L * 1024 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final BlobStore store;
    private final SasSigner sas;
    private final UploadTargets targets;
    private final BlobEndpointSettings settings;

    @Inject
    public BlobEndpoint(BlobStore store, SasSigner sas, UploadTargets targets, BlobEndpointSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.sas = Objects.requireNonNull(sas, "sas");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @PUT
    public Response put(@PathParam("container") String container, @PathParam("blob") String blob,
                        @Context UriInfo uri, @Context HttpHeaders headers, InputStream body) throws IOException {
        Map<String, String> query = query(uri);
        String comp = query.get("comp");
        authorizeWrite(container, blob, query);
        if (comp == null) {
            return putBlob(container, blob, headers, body);
        }
        return switch (comp) {
            case "block" -> putBlock(container, blob, query, headers, body);
            case "blocklist" -> putBlockList(container, blob, headers, body);
            default -> throw unsupportedComp(comp);
        };
    }

    @GET
    public Response get(@PathParam("container") String container, @PathParam("blob") String blob,
                        @Context UriInfo uri, @Context HttpHeaders headers) throws IOException {
        Map<String, String> query = query(uri);
        String comp = query.get("comp");
        authorizeRead(container, blob, query);
        if (comp == null) {
            return getBlob(container, blob, headers);
        }
        if (comp.equals("blocklist")) {
            return getBlockList(container, blob, query);
        }
        throw unsupportedComp(comp);
    }

    /** Get Blob Properties. An explicit HEAD keeps Jersey from running GET and opening the file. */
    @HEAD
    public Response head(@PathParam("container") String container, @PathParam("blob") String blob,
                         @Context UriInfo uri) throws IOException {
        Map<String, String> query = query(uri);
        authorizeRead(container, blob, query);
        BlobProperties properties = store.getProperties(container, blob).orElseThrow(BlobEndpoint::blobNotFound);
        return blobHeaders(Response.ok(), properties)
                .header("Content-Length", properties.length())
                .header("Content-Type", properties.contentType())
                .build();
    }

    // ---- operations --------------------------------------------------------------------------

    private Response putBlob(String container, String blob, HttpHeaders headers, InputStream body) throws IOException {
        String type = headers.getHeaderString("x-ms-blob-type");
        if (type == null) {
            throw AzureErrorException.badRequest("MissingRequiredHeader",
                    "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type");
        }
        if (!type.equals("BlockBlob")) {
            throw AzureErrorException.badRequest("InvalidHeaderValue",
                    "x-ms-blob-type " + type + " is not supported here; only BlockBlob");
        }
        checkPreconditions(container, blob, headers);
        Optional<Crc64> crc = crcIfRequested(headers);
        WriteOptions options = writeOptions(settings.maxBlobBytes(), headers, crc)
                .withContentType(contentType(headers, "x-ms-blob-content-type", "Content-Type"));
        BlobProperties properties = store.putBlob(container, blob, checked(body, crc), options);
        LOG.info("blob stored container={} blob={} bytes={}", container, blob, properties.length());
        Response.ResponseBuilder response = blobHeaders(Response.status(Response.Status.CREATED), properties)
                .header("x-ms-request-server-encrypted", "false");
        crc.ifPresent(c -> response.header("x-ms-content-crc64", Base64.getEncoder().encodeToString(c.toWireBytes())));
        return response.build();
    }

    private Response putBlock(String container, String blob, Map<String, String> query, HttpHeaders headers,
                              InputStream body) throws IOException {
        String blockId = validBlockId(query.get("blockid"));
        Optional<Crc64> crc = crcIfRequested(headers);
        WriteOptions options = writeOptions(settings.maxBlockBytes(), headers, crc);
        StagedBlock staged = store.stageBlock(container, blob, blockId, checked(body, crc), options);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .header("x-ms-request-server-encrypted", "false");
        staged.md5().ifPresent(md5 -> response.header("Content-MD5", Base64.getEncoder().encodeToString(md5)));
        crc.ifPresent(c -> response.header("x-ms-content-crc64", Base64.getEncoder().encodeToString(c.toWireBytes())));
        return response.build();
    }

    private Response putBlockList(String container, String blob, HttpHeaders headers, InputStream body)
            throws IOException {
        checkPreconditions(container, blob, headers);
        List<BlockReference> blocks = BlockListXml.parse(new BoundedInputStream(body, MAX_BLOCK_LIST_BYTES,
                limit -> new AzureErrorException(413, "RequestBodyTooLarge", "The block list is too large.")));
        for (BlockReference block : blocks) {
            validBlockIdIn(block.blockId());
        }
        Optional<byte[]> md5 = Optional.ofNullable(headers.getHeaderString("x-ms-blob-content-md5"))
                .map(v -> decodeHeader("x-ms-blob-content-md5", v, 16));
        CommitOptions options = new CommitOptions(settings.maxBlobBytes(), md5,
                contentType(headers, "x-ms-blob-content-type"));
        BlobProperties properties = store.commitBlockList(container, blob, blocks, options);
        LOG.info("block list committed container={} blob={} blocks={} bytes={}", container, blob, blocks.size(),
                properties.length());
        return Response.status(Response.Status.CREATED)
                .header("ETag", properties.etag())
                .header("Last-Modified", httpDate(properties.lastModified()))
                .header("x-ms-request-server-encrypted", "false")
                .build();
    }

    private Response getBlockList(String container, String blob, Map<String, String> query) throws IOException {
        String type = query.getOrDefault("blocklisttype", "committed").toLowerCase(Locale.ROOT);
        boolean committed = type.equals("committed") || type.equals("all");
        boolean uncommitted = type.equals("uncommitted") || type.equals("all");
        if (!committed && !uncommitted) {
            throw AzureErrorException.badRequest("InvalidQueryParameterValue",
                    "blocklisttype must be committed, uncommitted or all, not " + type);
        }
        BlockList list = store.getBlockList(container, blob);
        Optional<BlobProperties> properties = store.getProperties(container, blob);
        if (properties.isEmpty() && list.uncommitted().isEmpty()) {
            throw blobNotFound();
        }
        Response.ResponseBuilder response = Response.ok(BlockListXml.render(list, committed, uncommitted),
                AzureErrorMapper.APPLICATION_XML_UTF8);
        properties.ifPresent(p -> response.header("ETag", p.etag())
                .header("Last-Modified", httpDate(p.lastModified()))
                .header("x-ms-blob-content-length", p.length()));
        return response.build();
    }

    private Response getBlob(String container, String blob, HttpHeaders headers) throws IOException {
        Optional<ByteRange> range = range(container, blob, headers);
        BlobRead read = store.openForRead(container, blob, range);
        BlobProperties properties = read.properties();
        StreamingOutput output = out -> {
            try (read) {
                read.content().transferTo(out);
            }
        };
        Response.ResponseBuilder response = blobHeaders(Response.status(range.isPresent() ? 206 : 200), properties)
                .entity(output)
                .header("Content-Length", read.length())
                .type(properties.contentType());
        if (range.isPresent()) {
            long last = read.offset() + read.length() - 1;
            response.header("Content-Range", "bytes " + read.offset() + "-" + last + "/" + properties.length());
            response.header("Content-MD5", null);
            properties.contentMd5().ifPresent(md5 ->
                    response.header("x-ms-blob-content-md5", Base64.getEncoder().encodeToString(md5)));
        }
        return response.build();
    }

    // ---- checks ------------------------------------------------------------------------------

    private void authorizeRead(String container, String blob, Map<String, String> query) {
        validNames(container, blob);
        verifySas(container, query, READ);
    }

    private void authorizeWrite(String container, String blob, Map<String, String> query) {
        validNames(container, blob);
        verifySas(container, query, WRITE);
        UploadTarget target = targets.find(container).orElseThrow(() -> new AzureErrorException(404,
                "ContainerNotFound", "The specified container does not exist."));
        if (!target.blobName().equals(blob)) {
            throw new AzureErrorException(403, "AuthorizationPermissionMismatch",
                    "Only the blob " + target.blobName() + " may be written in this container.");
        }
        if (!target.writable()) {
            throw new AzureErrorException(409, "BlobImmutableDueToPolicy",
                    "The upload of this video is complete; the blob can no longer be changed.");
        }
    }

    private void verifySas(String container, Map<String, String> query, Set<SasPermission> acceptable) {
        try {
            sas.verify(container, query, acceptable);
        } catch (SasVerificationException e) {
            throw switch (e.kind()) {
                case AUTHENTICATION_FAILED -> new AzureErrorException(403, "AuthenticationFailed", e.getMessage());
                case PERMISSION_MISMATCH -> new AzureErrorException(403, "AuthorizationPermissionMismatch", e.getMessage());
            };
        }
    }

    private static void validNames(String container, String blob) {
        try {
            io.mediaconnector.storage.BlobNames.requireContainer(container);
            io.mediaconnector.storage.BlobNames.requireBlob(blob);
        } catch (InvalidBlobNameException e) {
            throw AzureErrorException.badRequest("InvalidResourceName", "The specified resource name contains invalid characters.");
        }
    }

    /** Put Blob and Put Block List honour If-None-Match: * (SDK's overwrite=false) and If-Match. */
    private void checkPreconditions(String container, String blob, HttpHeaders headers) throws IOException {
        String ifNoneMatch = headers.getHeaderString("If-None-Match");
        String ifMatch = headers.getHeaderString("If-Match");
        if (ifNoneMatch == null && ifMatch == null) {
            return;
        }
        Optional<BlobProperties> current = store.getProperties(container, blob);
        if ("*".equals(ifNoneMatch) && current.isPresent()) {
            throw new AzureErrorException(409, "BlobAlreadyExists", "The specified blob already exists.");
        }
        if (ifMatch != null && !ifMatch.equals("*")
                && current.map(p -> !p.etag().equals(ifMatch)).orElse(true)) {
            throw new AzureErrorException(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
        }
    }

    /**
     * A CRC-64 accumulator if the request sends {@code x-ms-content-crc64} (the only use of the value:
     * Azure checks it and echoes it). Without the header no CRC is computed at all.
     */
    private static Optional<Crc64> crcIfRequested(HttpHeaders headers) {
        return headers.getHeaderString("x-ms-content-crc64") == null ? Optional.empty() : Optional.of(new Crc64());
    }

    private static InputStream checked(InputStream body, Optional<Crc64> crc) {
        return crc.<InputStream>map(c -> new CheckedInputStream(body, c)).orElse(body);
    }

    private WriteOptions writeOptions(long limit, HttpHeaders headers, Optional<Crc64> crc) {
        WriteOptions options = WriteOptions.limitedTo(limit);
        String length = headers.getHeaderString("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw AzureErrorException.badRequest("InvalidHeaderValue", "Content-Length is not a number");
            }
            if (declared > limit) {
                throw tooLarge(limit);
            }
            options = options.withExpectedLength(declared);
        }
        String md5 = headers.getHeaderString("Content-MD5");
        if (md5 != null) {
            options = options.withExpectedMd5(decodeHeader("Content-MD5", md5, 16));
        }
        String crcHeader = headers.getHeaderString("x-ms-content-crc64");
        if (crcHeader != null) {
            byte[] expected = decodeHeader("x-ms-content-crc64", crcHeader, 8);
            Crc64 computed = crc.orElseThrow(() -> new IllegalStateException("x-ms-content-crc64 without an accumulator"));
            options = options.withExtraCheck(() -> {
                if (!MessageDigest.isEqual(expected, computed.toWireBytes())) {
                    throw new ContentMismatchException(ContentMismatchException.Check.CRC64,
                            "The CRC64 value specified in the request did not match with the CRC64 value calculated by the server.");
                }
            });
        }
        return options;
    }

    private static String validBlockId(String blockId) {
        if (blockId == null || blockId.isEmpty()) {
            throw AzureErrorException.badRequest("InvalidQueryParameterValue", "blockid is required for comp=block");
        }
        if (!isValidBlockId(blockId)) {
            throw AzureErrorException.badRequest("InvalidBlockId",
                    "The specified block ID is invalid. The block ID must be Base64-encoded, at most 64 bytes decoded.");
        }
        return blockId;
    }

    private static void validBlockIdIn(String blockId) {
        if (!isValidBlockId(blockId)) {
            throw AzureErrorException.badRequest("InvalidBlockList", "The specified block list is invalid: bad block id " + blockId);
        }
    }

    private static boolean isValidBlockId(String blockId) {
        try {
            byte[] decoded = Base64.getDecoder().decode(blockId);
            return decoded.length > 0 && decoded.length <= 64
                    && blockId.length() <= io.mediaconnector.storage.BlobNames.MAX_BLOCK_ID_LENGTH;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The range of {@code x-ms-range} (or else {@code Range}); unlike a plain HTTP server, Azure
     * refuses one it cannot parse (416) rather than sending the whole blob.
     */
    private Optional<ByteRange> range(String container, String blob, HttpHeaders headers) throws IOException {
        String value = Optional.ofNullable(headers.getHeaderString("x-ms-range")).orElse(headers.getHeaderString("Range"));
        if (value == null) {
            return Optional.empty();
        }
        RangeHeader requested = RangeHeader.parse(value)
                .orElseThrow(() -> new AzureErrorException(416, "InvalidRange", "The range specified is invalid: " + value));
        long length = store.getProperties(container, blob).orElseThrow(BlobEndpoint::blobNotFound).length();
        return Optional.of(requested.resolve(length));
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private static Response.ResponseBuilder blobHeaders(Response.ResponseBuilder response, BlobProperties properties) {
        response.header("ETag", properties.etag())
                .header("Last-Modified", httpDate(properties.lastModified()))
                .header("x-ms-blob-type", "BlockBlob")
                .header("Accept-Ranges", "bytes")
                .header("x-ms-creation-time", httpDate(properties.lastModified()))
                .header("x-ms-lease-state", "available")
                .header("x-ms-lease-status", "unlocked")
                .header("x-ms-server-encrypted", "false");
        properties.contentMd5().ifPresent(md5 -> response.header("Content-MD5", Base64.getEncoder().encodeToString(md5)));
        return response;
    }

    private static Map<String, String> query(UriInfo uri) {
        Map<String, String> result = new HashMap<>();
        String raw = uri.getRequestUri().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                result.putIfAbsent(percentDecode(name).toLowerCase(Locale.ROOT), percentDecode(value));
            } catch (IllegalArgumentException e) {
                throw AzureErrorException.badRequest("InvalidQueryParameterValue", "malformed query parameter " + name);
            }
        }
        return result;
    }

    private static String percentDecode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] decodeHeader(String name, String value, int length) {
        try {
            byte[] decoded = Base64.getDecoder().decode(value.trim());
            if (decoded.length == length) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw AzureErrorException.badRequest("InvalidHeaderValue",
                "The value for " + name + " is not " + length + " base64-encoded bytes.");
    }

    private static String contentType(HttpHeaders headers, String... names) {
        for (String name : names) {
            String value = headers.getHeaderString(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return WriteOptions.DEFAULT_CONTENT_TYPE;
    }

    private static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static AzureErrorException unsupportedComp(String comp) {
        return AzureErrorException.badRequest("InvalidQueryParameterValue",
                "comp=" + comp + " is not supported by this server; only block, blocklist (PUT) and blocklist (GET).");
    }

    static AzureErrorException blobNotFound() {
        return new AzureErrorException(404, "BlobNotFound", "The specified blob does not exist.");
    }

    static AzureErrorException tooLarge(long limit) {
        return new AzureErrorException(413, "RequestBodyTooLarge",
                "The request body is too large and exceeds the maximum permissible limit of " + limit + " bytes.");
    }
}
