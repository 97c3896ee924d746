package org.sharpeyes.storage;

/** The database could not be reached or prepared; the message says which and why. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
