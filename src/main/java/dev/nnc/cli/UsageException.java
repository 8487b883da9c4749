package dev.nnc.cli;

/** Bad flags or flag values: reported as one line, exit status 2, no stack trace. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
