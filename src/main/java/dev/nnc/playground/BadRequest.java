package dev.nnc.playground;

/** A request the server refuses, with the message the page shows: a 4xx status, never a stack trace. */
public final class BadRequest extends RuntimeException {
  private final int status;

  public BadRequest(int status, String message) {
    super(message);
    this.status = status;
  }

  public BadRequest(String message) {
    this(400, message);
  }

  public int status() {
    return status;
  }
}
