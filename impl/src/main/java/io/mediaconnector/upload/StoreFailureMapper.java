package io.mediaconnector.upload;

import io.mediaconnector.storage.BlobNotFoundException;
import io.mediaconnector.storage.BlobStoreException;
import io.mediaconnector.storage.ContentMismatchException;
import io.mediaconnector.storage.ContentTooLargeException;
import io.mediaconnector.storage.InvalidBlobNameException;
import io.mediaconnector.storage.InvalidBlockListException;
import io.mediaconnector.storage.InvalidRangeException;
import io.mediaconnector.storage.StorageFullException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's failures in Azure's words: the one place where a storage exception becomes an Azure error. */
public final class StoreFailureMapper implements ExceptionMapper<BlobStoreException> {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFailureMapper.class);
    private final BlobEndpointSettings settings;

    @Inject
    public StoreFailureMapper(BlobEndpointSettings settings) {
        this.settings = settings;
    }

    @Override
    public Response toResponse(BlobStoreException e) {
        AzureErrorException azure = azureError(e);
        return AzureErrorMapper.response(azure.status(), azure.code(), azure.getMessage());
    }

    private AzureErrorException azureError(BlobStoreException e) {
        if (e instanceof InvalidBlobNameException) {
            return AzureErrorException.badRequest("InvalidResourceName", "The specified resource name contains invalid characters.");
        }
        if (e instanceof BlobNotFoundException) {
            return BlobEndpoint.blobNotFound();
        }
        if (e instanceof ContentTooLargeException) {
            return BlobEndpoint.tooLarge(settings.maxBlobBytes());
        }
        if (e instanceof ContentMismatchException mismatch) {
            return switch (mismatch.check()) {
                case MD5 -> AzureErrorException.badRequest("Md5Mismatch",
                        "The MD5 value specified in the request did not match with the MD5 value calculated by the server.");
                case CRC64 -> AzureErrorException.badRequest("Crc64Mismatch", e.getMessage());
                case LENGTH -> AzureErrorException.badRequest("InvalidInput",
                        "The body did not have the announced Content-Length: " + e.getMessage());
            };
        }
        if (e instanceof InvalidBlockListException) {
            return AzureErrorException.badRequest("InvalidBlockList", "The specified block list is invalid. " + e.getMessage());
        }
        if (e instanceof InvalidRangeException) {
            return new AzureErrorException(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");
        }
        if (e instanceof StorageFullException) {
            LOG.warn("blob request refused, storage is low: {}", e.getMessage());
            return IoFailureMapper.storageFull();
        }
        return new AzureErrorException(409, "InvalidBlobOrBlock", e.getMessage());
    }
}
