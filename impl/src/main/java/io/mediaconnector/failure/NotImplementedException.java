package io.mediaconnector.failure;

/** A capability the service does not offer (yet), such as a format that would expose protected content. */
public final class NotImplementedException extends DomainException {
    public NotImplementedException(String capability) {
        super(capability + " is not implemented.");
    }
}
