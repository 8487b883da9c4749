package dev.nnc.runtime.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one parallel loop at a time, in {@code size} parts that the
 * calling thread and {@code size − 1} daemon workers claim one by one. A loop allocates nothing
 * (the task is an object the caller reuses) and hands work over by an atomic claim word and
 * park/unpark, so a training step can split its matrix products many times per millisecond.
 *
 * <p>Kernels find the team of the thread that calls them through {@link #current()}: a thread
 * that installed none (or a worker itself, so loops never nest) runs serially. Each part must
 * write its own elements only; then results do not depend on the number of threads.
 */
public final class WorkerTeam implements AutoCloseable {
  /** One parallel loop: part {@code part} of {@code parts} does its share. */
  public interface Task {
    void run(int part, int parts);
  }

  private static final WorkerTeam SERIAL = new WorkerTeam(1);
  private static final ThreadLocal<WorkerTeam> CURRENT = new ThreadLocal<>();
  /** Spins before parking: a handover between GEMM calls is shorter than a park/unpark pair. */
  private static final int SPINS = 20_000;

  private final Thread[] workers;
  /**
   * The loop's generation (high 32 bits) and the next part nobody has claimed yet (low 32): parts
   * are claimed by compare-and-set, by the caller as well as the workers, so a part whose worker
   * has not woken up yet (its core busy with another process) is run by the caller instead of
   * waited for. One word for both keeps a worker that wakes late from claiming a part of a newer loop.
   */
  private final AtomicLong state = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private volatile boolean closed;
  private volatile Task task;
  private volatile int parts;
  private volatile Thread caller;
  private volatile Throwable failure;

  /** A team of {@code size} threads in all, the caller included. */
  public WorkerTeam(int size) {
    if (size < 1) throw new IllegalArgumentException("a team needs at least one thread, got " + size);
    workers = new Thread[size - 1];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Thread(this::work, "nnc-worker-" + (i + 1));
      workers[i].setDaemon(true);
      workers[i].start();
    }
  }

  /** The team installed on this thread, or a team of one. */
  public static WorkerTeam current() {
    WorkerTeam team = CURRENT.get();
    return team == null ? SERIAL : team;
  }

  /** Makes this team the one that kernels called from this thread split their loops over. */
  public void install() {
    CURRENT.set(this);
  }

  public int size() {
    return workers.length + 1;
  }

  /** Runs {@code t} in {@link #size} parts and returns when all are done. */
  public void run(Task t) {
    run(t, size());
  }

  /**
   * Runs {@code t} in {@code parts} parts (more than the threads: whoever is free claims the
   * next, so a thread its core has taken away delays the loop by one small part only).
   */
  public void run(Task t, int parts) {
    if (size() == 1 || parts == 1) {
      for (int part = 0; part < parts; part++) t.run(part, parts);
      return;
    }
    this.parts = parts;
    task = t;
    caller = Thread.currentThread();
    failure = null;
    done.set(0);
    long generation = (state.get() >>> 32) + 1;
    state.set(generation << 32);
    for (Thread w : workers) LockSupport.unpark(w);
    runParts(generation, parts);
    for (int spin = 0; done.get() < parts; spin++) {
      if (spin < SPINS) Thread.onSpinWait();
      else LockSupport.park(this);
    }
    task = null;
    Throwable f = failure;
    if (f instanceof RuntimeException re) throw re;
    if (f instanceof Error e) throw e;
  }

  /** Claims and runs parts of loop {@code generation} until none is left. */
  private void runParts(long generation, int parts) {
    while (true) {
      long s = state.get();
      int part = (int) s;
      if (s >>> 32 != generation || part >= parts) return;
      if (!state.compareAndSet(s, s + 1)) continue;
      try {
        task.run(part, parts);
      } catch (Throwable e) {
        failure = e;
      }
      if (done.incrementAndGet() == parts) LockSupport.unpark(caller);
    }
  }

  private void work() {
    long seen = 0;
    while (true) {
      for (int spin = 0; state.get() >>> 32 == seen && !closed; spin++) {
        if (spin < SPINS) Thread.onSpinWait();
        else LockSupport.park(this);
      }
      if (closed) return;
      seen = state.get() >>> 32;
      runParts(seen, parts);
    }
  }

  /** Stops the workers, and uninstalls the team from the calling thread if it is installed there. */
  @Override
  public void close() {
    if (CURRENT.get() == this) CURRENT.remove();
    closed = true;
    for (Thread w : workers) LockSupport.unpark(w);
  }
}
