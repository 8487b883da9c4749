package dev.nnc.schedule;

import dev.nnc.autodiff.Backward;
import dev.nnc.ir.Graph;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Program;
import dev.nnc.ir.Shape;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.MemorySize;
import dev.nnc.schedule.KernelProgram.Access;
import dev.nnc.schedule.KernelProgram.Call;
import dev.nnc.schedule.KernelProgram.Compute;
import dev.nnc.schedule.KernelProgram.Constant;
import dev.nnc.schedule.KernelProgram.Instr;
import dev.nnc.schedule.KernelProgram.Load;
import dev.nnc.schedule.KernelProgram.Local;
import dev.nnc.schedule.KernelProgram.Method;
import dev.nnc.schedule.KernelProgram.Operand;
import dev.nnc.schedule.KernelProgram.Region;
import dev.nnc.schedule.KernelProgram.Step;
import dev.nnc.schedule.KernelProgram.Store;
import dev.nnc.syntax.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a program for one batch size: lays out the arena (leaves, variables, values that cross
 * steps, gradients), fuses runs of elementwise nodes over the same domain into one region whose
 * values stay in locals, and turns tensor ops into runtime kernel calls. Transposes read by a
 * matrix product, and the per-example outer products a weight gradient sums over the batch, are
 * folded into the GEMM instead of being materialised.
 */
public final class Scheduler {
  private final Program program;
  private final int batch;
  private final List<Entry> entries = new ArrayList<>();
  private int arenaSize;
  /** Where each node's values live in the arena (leaves, materialised nodes, aliases). */
  private final Map<Node, Integer> buffer = new IdentityHashMap<>();
  private final List<Sink> allSinks = new ArrayList<>();
  /** The first variable (in program order) whose value each node is, for naming locals. */
  private final Map<Node, String> firstVariableNamed = new IdentityHashMap<>();
  /** The name of each arena slot that is not a saved temporary, by offset; built when first needed. */
  private Map<Integer, String> namedSlots;
  /** The backprop pattern that made each gradient node, for the printed program. */
  private final Map<Node, String> patternOf = new IdentityHashMap<>();
  private final WindowCalls windows = new WindowCalls(new WindowCalls.Arena() {
    public int bufferOf(Node n) {
      Integer b = buffer.get(n);
      if (b == null) throw new IllegalStateException("no buffer for " + n);
      return b;
    }

    public int scratch(String name, int length) {
      return allocate(name, Role.SAVED, List.of(length), false, length, null);
    }

    public int batch() {
      return batch;
    }
  });

  private Scheduler(Program program, int batch, long memoryBytes, int bytesPerValue) {
    this.program = program;
    this.batch = batch;
    this.memoryBytes = memoryBytes;
    this.bytesPerValue = bytesPerValue;
    program.variables().forEach((name, node) -> firstVariableNamed.putIfAbsent(node, name));
  }

  /**
   * @param memoryBytes the memory budget (SPEC.md §1, {@code --memory}): the arena, which holds
   *     every tensor of the program, must fit in it
   * @param bytesPerValue 4 for a float arena, 8 for a double one
   */
  public static KernelProgram schedule(Program program, Backward backward, int batch, String className, long memoryBytes, int bytesPerValue) {
    return new Scheduler(program, batch, memoryBytes, bytesPerValue).run(backward, className);
  }

  private KernelProgram run(Backward backward, String className) {
    if (backward != null) for (var stmt : backward.stmts()) patternOf.putIfAbsent(stmt.value(), stmt.pattern().text);
    // Parameters and their gradients first: arenas compiled for other batch sizes then hold them
    // at the same offsets, so one optimizer serves the full batches and the last, smaller one.
    Map<Leaf, Integer> gradientSlot = new IdentityHashMap<>();
    for (Leaf leaf : program.leaves()) {
      if (leaf.kind() == Leaf.Kind.PARAM) buffer.put(leaf.node(), allocate(leaf.name(), Role.PARAM, leaf.node()));
    }
    if (backward != null) {
      for (Leaf leaf : program.leaves()) {
        if (leaf.kind() == Leaf.Kind.PARAM) gradientSlot.put(leaf, allocate(leaf.name(), Role.GRADIENT, leaf.node()));
      }
    }
    for (Leaf leaf : program.leaves()) {
      if (leaf.kind() != Leaf.Kind.PARAM) buffer.put(leaf.node(), allocate(leaf.name(), Role.valueOf(leaf.kind().name()), leaf.node()));
    }

    Map<String, Node> variables = new LinkedHashMap<>(program.variables());
    Node prediction = program.prediction() == null ? null : program.prediction().node();
    List<Node> forwardRoots = new ArrayList<>(variables.values());
    if (prediction != null) forwardRoots.add(prediction);
    Set<Node> forwardNodes = live(forwardRoots, Set.of());
    List<Sink> forwardSinks = new ArrayList<>();
    Map<Node, String> variableOf = new IdentityHashMap<>();
    variables.forEach((name, node) -> {
      if (!node.op().isLeaf() && !node.isConst() && !variableOf.containsKey(node)) {
        variableOf.put(node, name);
        buffer.put(node, allocate(name, Role.VALUE, node));
      } else {
        forwardSinks.add(new Sink(node, allocate(name, Role.VALUE, node), node, name));
      }
    });
    if (prediction != null) {
      if (buffer.containsKey(prediction)) {
        entries.add(new Entry("prediction", Role.PREDICTION, buffer.get(prediction), elements(prediction), prediction.shape().dims(), prediction.batched()));
      } else if (prediction.op().isLeaf() || prediction.isConst()) {
        forwardSinks.add(new Sink(prediction, allocate("prediction", Role.PREDICTION, prediction), prediction, "prediction"));
      } else {
        variableOf.put(prediction, "prediction");
        buffer.put(prediction, allocate("prediction", Role.PREDICTION, prediction));
      }
    }

    Set<Node> backwardNodes = Set.of();
    List<Sink> backwardSinks = new ArrayList<>();
    if (backward != null) {
      backwardNodes = live(new ArrayList<>(backward.leafGradients().values()), forwardNodes);
      for (Map.Entry<Leaf, Node> g : backward.leafGradients().entrySet()) {
        Leaf leaf = g.getKey();
        if (leaf.kind() == Leaf.Kind.LABEL) continue;
        int slot = gradientSlot.containsKey(leaf) ? gradientSlot.get(leaf) : allocate(leaf.name(), Role.GRADIENT, leaf.node());
        backwardSinks.add(new Sink(g.getValue(), slot, leaf.node(), "d" + leaf.name()));
      }
    }

    // A gradient computed by backward for one leaf alone is computed into the leaf's gradient slot,
    // with no copy at the end (the weight gradient GEMM writes dW where the optimizer reads it).
    Map<Node, Long> sinkUses = new HashMap<>();
    for (Sink sk : backwardSinks) sinkUses.merge(sk.value(), 1L, Long::sum);
    for (java.util.Iterator<Sink> it = backwardSinks.iterator(); it.hasNext(); ) {
      Sink sk = it.next();
      Node v = sk.value();
      boolean own = backwardNodes.contains(v) && !buffer.containsKey(v) && sinkUses.get(v) == 1
          && v.shape().equals(sk.shapeOf().shape()) && v.batched() == sk.shapeOf().batched()
          && v.op() != Op.RESHAPE && !(v.op() == Op.TRANSPOSE && v.shape().rank() < 2);
      if (own) {
        buffer.put(v, sk.slot());
        it.remove();
      }
    }

    List<Node> fwd = sorted(forwardNodes);
    List<Node> bwd = sorted(backwardNodes);
    // A kernel call reads its operands from the arena, so a constant it reads gets a slot, set at
    // the start of forward (the arena keeps it for backward).
    List<Step> constants = new ArrayList<>();
    for (List<Node> nodes : List.of(fwd, bwd)) {
      for (Node n : nodes) {
        if (n.op().isElementwise()) continue;
        for (Node in : reads(n)) {
          if (!in.isConst() || buffer.containsKey(in)) continue;
          int slot = allocate("c" + in.id(), Role.SAVED, in);
          buffer.put(in, slot);
          constants.add(new Region(1, 1, List.of(new Store(Access.element(slot), new Constant(in.attr()), false, "constant"))));
        }
      }
    }
    // Tensor constants too: wherever they are read, and when a variable or the prediction is one.
    for (List<Node> nodes : List.of(fwd, bwd)) for (Node n : nodes) for (Node in : reads(n)) tensorConstant(in, constants);
    for (Sink sk : forwardSinks) tensorConstant(sk.value(), constants);
    Map<Node, Set<Node>> readers = readers(fwd, bwd);
    allSinks.addAll(forwardSinks);
    allSinks.addAll(backwardSinks);
    MethodPlan forwardPlan = new MethodPlan("forward", fwd, forwardSinks, readers);
    MethodPlan backwardPlan = new MethodPlan("backward", bwd, backwardSinks, readers);
    // Materialise first (both methods), so that every buffer is allocated before code is planned.
    forwardPlan.materialise(variableOf);
    backwardPlan.materialise(variableOf);
    if (crossing != null) throw overBudget();
    Method f = forwardPlan.build(constants);
    Method b = backwardPlan.build(List.of());
    if (crossing != null) throw overBudget();             // scratch space that kernel calls ask for while planned
    return new KernelProgram(className, program.source().name(), new ArenaLayout(arenaSize, entries), f, b);
  }

  /**
   * Gives a tensor constant a slot, filled at the start of forward by stores of its elements
   * (regions of at most {@link #MAX_REGION}, so each stays a small method's worth of bytecode).
   */
  private void tensorConstant(Node n, List<Step> constants) {
    if (n.op() != Op.TENSOR || buffer.containsKey(n)) return;
    int slot = allocate(n.name() != null ? n.name() : "c" + n.id(), Role.SAVED, n);
    buffer.put(n, slot);
    List<Double> values = n.data();
    for (int from = 0; from < values.size(); from += MAX_REGION) {
      List<Instr> stores = new ArrayList<>();
      for (int i = from; i < Math.min(values.size(), from + MAX_REGION); i++) {
        stores.add(new Store(Access.element(slot + i), new Constant(values.get(i)), false, "constant"));
      }
      constants.add(new Region(1, 1, stores));
    }
  }

  /** A value copied to a named slot at the end of its method: a leaf-valued variable, a gradient. */
  private record Sink(Node value, int slot, Node shapeOf, String what) {}

  // ---- which nodes each node reads, with folds

  /** The nodes whose buffers or values a node reads, after folding transposes and outer products. */
  private List<Node> reads(Node n) {
    if (n.op() == Op.MATMUL) return List.of(unfolded(n.input(0)), unfolded(n.input(1)));
    if (isBatchSummed(n)) return n.input(0).inputs();
    return n.inputs();
  }

  /** A transpose read by a matrix product is read as its input, with the GEMM's flag flipped. */
  private static Node unfolded(Node n) {
    return n.op() == Op.TRANSPOSE && n.shape().rank() == 2 ? n.input(0) : n;
  }

  /**
   * SUM_TO(OUTER(u, v)) over the batch only: one GEMM, Uᵀ V, without the per-example outers; and
   * likewise a shared kernel's gradient, which the convolution kernel sums over the examples.
   */
  static boolean isBatchSummed(Node n) {
    return n.op() == Op.SUM_TO && (n.input(0).op() == Op.OUTER || n.input(0).op() == Op.CONV2D_KERNEL_GRAD)
        && !n.batched() && n.input(0).batched() && n.shape().equals(n.input(0).shape());
  }

  /** The computed nodes the roots need through {@link #reads}, minus {@code done}. */
  private Set<Node> live(List<Node> roots, Set<Node> done) {
    Set<Node> seen = new HashSet<>();
    List<Node> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (n.op().isLeaf() || done.contains(n) || !seen.add(n)) continue;
      stack.addAll(reads(n));
    }
    return seen;
  }

  private Map<Node, Set<Node>> readers(List<Node> fwd, List<Node> bwd) {
    Map<Node, Set<Node>> readers = new IdentityHashMap<>();
    for (List<Node> nodes : List.of(fwd, bwd)) {
      for (Node n : nodes) for (Node r : reads(n)) readers.computeIfAbsent(r, k -> new HashSet<>()).add(n);
    }
    return readers;
  }

  // ---- arena

  private Span spanOf(Node n) {
    if (n.op().isLeaf()) for (Leaf leaf : program.leaves()) if (leaf.node() == n) return leaf.span();
    Span s = program.origins().get(n);
    return s == null ? Span.NONE : s;
  }

  private int elements(Node n) {
    return (n.batched() ? batch : 1) * (int) n.shape().size();
  }

  /** Java's largest array: no arena holds more values, whatever the budget. */
  static final long MAX_ARENA_VALUES = Integer.MAX_VALUE - 8;

  private final long memoryBytes;
  private final int bytesPerValue;
  /** Values all allocations so far ask for, past the budget too, to report the size needed. */
  private long needed;
  /** The first allocation that did not fit, with its place; null while everything fits. */
  private Crossing crossing;

  private record Crossing(String name, Span span) {}

  /**
   * The next {@code like}-shaped block of the arena. Once the program is over the budget, the
   * rest is only counted (at offset 0, never used): the error names the whole size needed, and
   * the declaration that crossed the budget.
   */
  private int allocate(String name, Role role, Node like) {
    long wanted = (like.batched() ? batch : 1L) * like.shape().size();
    return allocate(name, role, like.shape().dims(), like.batched(), wanted, like);
  }

  /** {@code length} values; {@code origin} is the node an over-budget error points at (null: none of its own). */
  private int allocate(String name, Role role, List<Integer> dims, boolean batched, long length, Node origin) {
    needed += length;
    if (crossing == null && (needed > memoryBytes / bytesPerValue || needed > MAX_ARENA_VALUES)) {
      crossing = new Crossing(name, origin == null ? Span.NONE : spanOf(origin));
    }
    if (crossing != null) return 0;
    int offset = arenaSize;
    entries.add(new Entry(name, role, offset, (int) length, dims, batched));
    arenaSize += (int) length;
    return offset;
  }

  private dev.nnc.syntax.CompileException overBudget() {
    double bytes = (double) needed * bytesPerValue;
    String limit = needed > MAX_ARENA_VALUES && bytes <= memoryBytes
        ? "more than one arena holds (2^31 - 9 values, Java's largest array)"
        : "more than the memory budget of " + MemorySize.format(memoryBytes) + " (--memory)";
    return new dev.nnc.syntax.CompileException(program.source(), crossing.span(),
        "the program's tensors need " + MemorySize.format(bytes) + " (" + needed + " values of " + bytesPerValue + " bytes at batch " + batch + "), "
            + limit + "; '" + crossing.name() + "' is where it crosses it");
  }

  private static List<Node> sorted(Set<Node> nodes) {
    return nodes.stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
  }

  /** The loop domain of a node: (examples, elements per example). */
  private record Domain(int batches, int size) {}

  private Domain domain(Node n) {
    return new Domain(n.batched() ? batch : 1, (int) n.shape().size());
  }

  /** How a region over {@code region}'s domain reaches the elements of {@code operand}. */
  private Access access(int base, Node operand, Node region) {
    Shape in = operand.shape();
    Shape out = region.shape();
    int batchStride = operand.batched() && region.batched() ? (int) in.size() : 0;
    if (in.equals(out)) return new Access(base, batchStride, true, List.of());
    List<int[]> terms = new ArrayList<>();
    int outStride = 1;
    int inStride = 1;
    for (int k = out.rank() - 1; k >= 0; k--) {
      int ki = k - (out.rank() - in.rank());
      if (ki >= 0 && in.dim(ki) == out.dim(k) && out.dim(k) > 1) terms.add(new int[] {outStride, out.dim(k), inStride});
      outStride *= out.dim(k);
      if (ki >= 0) inStride *= in.dim(ki);
    }
    return new Access(base, batchStride, false, List.copyOf(terms));
  }

  // ---- one method

  /** Plans one method: regions, materialisation, instructions and calls. */
  private final class MethodPlan implements KernelFolds.Values {
    private final String name;
    private final List<Node> nodes;
    private final List<Sink> sinks;
    private final Map<Node, Set<Node>> readers;
    /** The region (index in {@code groups}) of each elementwise node of this method. */
    private final Map<Node, Integer> regionOf = new IdentityHashMap<>();
    /** Consecutive groups: a list of elementwise nodes over one domain, or one tensor op. */
    private final List<List<Node>> groups = new ArrayList<>();
    private final Set<Node> materialised = new HashSet<>();
    private final Set<String> usedNames = new HashSet<>();
    private final KernelFolds folds;
    private int locals;

    MethodPlan(String name, List<Node> nodes, List<Sink> sinks, Map<Node, Set<Node>> readers) {
      this.name = name;
      this.nodes = nodes;
      this.sinks = sinks;
      this.readers = readers;
      this.folds = new KernelFolds(nodes, this);
      Domain open = null;
      for (Node n : nodes) {
        if (folds.isComputedOnTheWay(n) || folds.isBiasSum(n)) continue;
        boolean full = !groups.isEmpty() && groups.get(groups.size() - 1).size() >= MAX_REGION;
        // A sum over broadcast axes (a bias gradient) joins the region computing what it sums:
        // it accumulates from the value's local instead of re-reading it from the arena.
        if (!full && open != null && isReductionOfOpenRegion(n, open)) {
          groups.get(groups.size() - 1).add(n);
          regionOf.put(n, groups.size() - 1);
          continue;
        }
        boolean fuses = runsInRegion(n);
        if (!fuses || open == null || !open.equals(domain(n)) || full) {
          groups.add(new ArrayList<>());
          open = fuses ? domain(n) : null;
        }
        groups.get(groups.size() - 1).add(n);
        if (fuses) regionOf.put(n, groups.size() - 1);
      }
    }

    /** Whether n is computed in a fused region: elementwise, and not computed by a kernel call on the way. */
    private boolean runsInRegion(Node n) {
      return n.op().isElementwise() && folds.at(n) == null;
    }

    @Override
    public Set<Node> readers(Node n) {
      return readers.getOrDefault(n, Set.of());
    }

    /** A value no variable, gradient or other method keeps: it may live in a kernel's registers only. */
    @Override
    public boolean isIntermediate(Node n) {
      if (buffer.containsKey(n)) return false;
      for (Sink s : allSinks) if (s.value() == n) return false;
      return true;
    }

    /** A [F, 1, 1]-like unbatched value in the arena, added to channel f of every example. */
    @Override
    public boolean isChannelBias(Node bias, Node conv) {
      if (bias.batched() || !buffer.containsKey(bias)) return false;
      Access a = access(0, bias, conv);
      int channels = conv.shape().dim(0);
      int plane = (int) conv.shape().size() / channels;
      if (a.terms().isEmpty()) return !a.same() && bias.shape().size() == 1 && channels == 1;
      return a.terms().size() == 1 && java.util.Arrays.equals(a.terms().get(0), new int[] {plane, channels, 1});
    }

    @Override
    public int channelRun(Node sumTo) {
      return Scheduler.this.channelRun(sumTo);
    }

    private boolean isReductionOfOpenRegion(Node n, Domain open) {
      if (n.op() != Op.SUM_TO || isBatchSummed(n) || channelRun(n) > 0) return false;
      Node x = n.input(0);
      return open.equals(domain(x)) && groups.get(groups.size() - 1).contains(x);
    }

    /** Gives a buffer to every node read outside its region, or kept for the other method. */
    void materialise(Map<Node, String> variableOf) {
      for (Node n : nodes) {
        if (folds.isComputedOnTheWay(n)) continue;
        if (buffer.containsKey(n)) {
          materialised.add(n);
          continue;
        }
        boolean needed = !n.op().isElementwise() || variableOf.containsKey(n) || folds.at(n) != null || folds.isBiasSum(n);
        for (Node reader : readers.getOrDefault(n, Set.of())) {
          needed |= !regionOf.containsKey(reader) || !regionOf.get(reader).equals(regionOf.get(n));
        }
        // A value copied to a slot, by either method, unless this method's last region holds it.
        for (Sink s : allSinks) needed |= s.value() == n && !(sinks.contains(s) && lastRegionTakes(s));
        if (n.op() == Op.RESHAPE || n.op() == Op.TRANSPOSE && n.shape().rank() < 2) {
          buffer.put(n, bufferOf(n.input(0)));                 // the same elements: an alias
        } else if (isBatchSummedRead(n)) {
          needed = false;                                       // folded into the GEMM that reads it
        } else if (needed) {
          buffer.put(n, allocate("t" + n.id(), Role.SAVED, n));
          materialised.add(n);
        }
      }
    }

    private boolean isBatchSummedRead(Node n) {
      Set<Node> rs = readers.getOrDefault(n, Set.of());
      return (n.op() == Op.OUTER || n.op() == Op.CONV2D_KERNEL_GRAD) && !rs.isEmpty() && rs.stream().allMatch(Scheduler::isBatchSummed);
    }

    private int bufferOf(Node n) {
      Integer b = buffer.get(n);
      if (b == null) throw new IllegalStateException("no buffer for " + n);
      return b;
    }

    /** Whether a sink can be served from the method's last region's locals (same domain). */
    private boolean lastRegionTakes(Sink s) {
      if (groups.isEmpty()) return false;
      List<Node> last = groups.get(groups.size() - 1);
      Node head = last.get(0);
      return runsInRegion(head) && domain(head).equals(domain(s.shapeOf())) && last.contains(s.value());
    }

    Method build(List<Step> prologue) {
      List<Step> steps = new ArrayList<>(prologue);
      for (int g = 0; g < groups.size(); g++) {
        List<Node> group = groups.get(g);
        Node head = group.get(0);
        if (runsInRegion(head)) {
          // Sums a region accumulates into start from zero, set before the region runs.
          for (Node n : group) if (n.op() == Op.SUM_TO) steps.add(zero(n));
          steps.add(region(group, g == groups.size() - 1));
        }
        else steps.addAll(tensorOp(head));
      }
      // Sinks the last region did not take get regions of their own.
      for (Sink s : sinks) {
        if (!takenByLastRegion.contains(s)) steps.add(sinkRegion(s));
      }
      return new Method(name, List.copyOf(steps), locals);
    }

    private final Set<Sink> takenByLastRegion = new HashSet<>();

    private Region region(List<Node> group, boolean last) {
      RegionBuilder r = new RegionBuilder(group.get(0));
      for (Node n : group) {
        if (n.op() == Op.SUM_TO) {
          Node x = n.input(0);
          r.body.add(new Store(access(bufferOf(n), n, x), r.operand(x), true, "sum to " + n.shape()));
          continue;
        }
        List<Operand> args = new ArrayList<>();
        for (Node in : n.inputs()) args.add(r.operand(in));
        Local target = newLocal(n);
        r.body.add(new Compute(target, n.op(), n.attr(), args, line(n), patternOf.get(n)));
        r.locals.put(n, target);
        if (materialised.contains(n)) r.body.add(new Store(access(bufferOf(n), n, n), target, false, storeName(n)));
      }
      if (last) {
        for (Sink s : sinks) {
          if (lastRegionTakes(s)) {
            r.body.add(new Store(access(s.slot(), s.shapeOf(), s.shapeOf()), r.operand(s.value()), false, s.what()));
            takenByLastRegion.add(s);
          }
        }
      }
      return r.build();
    }

    private Region sinkRegion(Sink s) {
      RegionBuilder r = new RegionBuilder(s.shapeOf());
      r.body.add(new Store(access(s.slot(), s.shapeOf(), s.shapeOf()), r.operand(s.value()), false, s.what()));
      return r.build();
    }

    private String storeName(Node n) {
      if (namedSlots == null) {
        // Built once, after every buffer is allocated: a lookup per store would be quadratic.
        namedSlots = new HashMap<>();
        for (Entry e : entries) {
          if (e.role() != Role.SAVED) namedSlots.putIfAbsent(e.offset(), e.role() == Role.GRADIENT ? "d" + e.name() : e.name());
        }
      }
      return namedSlots.getOrDefault(bufferOf(n), "saved");
    }

    /** The instructions of one region: loads on first use, computes into locals, stores. */
    private final class RegionBuilder {
      final Node shapeOf;
      final List<Instr> body = new ArrayList<>();
      final Map<Node, Local> locals = new HashMap<>();

      RegionBuilder(Node shapeOf) {
        this.shapeOf = shapeOf;
      }

      Operand operand(Node n) {
        if (n.isConst()) return new Constant(n.attr());
        Local local = locals.get(n);
        if (local != null) return local;
        Local loaded = newLocal(n);
        body.add(new Load(loaded, access(bufferOf(n), n, shapeOf)));
        locals.put(n, loaded);
        return loaded;
      }

      Region build() {
        Domain d = domain(shapeOf);
        return new Region(d.batches(), d.size(), List.copyOf(body));
      }
    }

    private Local newLocal(Node n) {
      String base = localName(n);
      String unique = base;
      for (int k = 2; !usedNames.add(unique); k++) unique = base + "_" + k;
      return new Local(locals++, unique);
    }

    private String localName(Node n) {
      if (n.name() != null) return n.name().replace('.', '_');
      String variable = firstVariableNamed.get(n);
      return variable != null ? variable : "t" + n.id();
    }

    // ---- tensor ops as kernel calls

    private List<Step> tensorOp(Node n) {
      int out = buffer.containsKey(n) ? bufferOf(n) : -1;
      int rows = n.batched() ? batch : 1;
      int line = line(n);
      KernelFolds.Fold fold = folds.at(n);
      if (fold instanceof KernelFolds.ConvEpilogue e) return List.of(windows.conv(e.conv(), out, bufferOf(e.bias()), e.relu(), line));
      if (fold instanceof KernelFolds.MaskedPoolGradient m) return List.of(windows.pool(m.pool(), out, true, line));
      return switch (n.op()) {
        case MATMUL -> List.of(matmul(n, out, line));
        case OUTER -> List.of(matmulCall(rows, (int) n.input(0).shape().size(), (int) n.input(1).shape().size(), 1,
            n.input(0), false, n.input(1), false, out, n, line));
        case SUM_TO -> !isBatchSummed(n) ? sumTo(n, out, line)
            : n.input(0).op() == Op.OUTER ? List.of(batchSummedOuter(n, out, line))
            : List.of(windows.kernelGradient(n.input(0), out, true, folds.biasSum(n) != null ? bufferOf(folds.biasSum(n)) : -1, line));
        case CONV2D -> List.of(windows.conv(n, out, -1, false, line));
        case CONV2D_INPUT_GRAD -> List.of(windows.inputGradient(n, out, line));
        case CONV2D_KERNEL_GRAD -> List.of(windows.kernelGradient(n, out, false, -1, line));
        case MAXPOOL, AVGPOOL, MAXPOOL_GRAD, AVGPOOL_GRAD -> List.of(windows.pool(n, out, false, line));
        case TRANSPOSE -> n.shape().rank() < 2 ? copyIfNotAliased(n, out, line) : List.of(rowCall("transpose", line, bufferOf(n.input(0)), out, rows, n.shape().dim(1), n.shape().dim(0)));
        case RESHAPE -> copyIfNotAliased(n, out, line);
        case SUM -> List.of(rowCall("sumRows", line, bufferOf(n.input(0)), out, rows, (int) n.input(0).shape().size()));
        case SOFTMAX -> List.of(rowCall("softmax", line, bufferOf(n.input(0)), out, rows, n.shape().dim(0)));
        case LOG_SOFTMAX -> List.of(rowCall("logSoftmax", line, bufferOf(n.input(0)), out, rows, n.shape().dim(0)));
        case ONEHOT -> List.of(rowCall("onehot", line, bufferOf(n.input(0)), out, rows, n.shape().dim(0)));
        case CROSS_ENTROPY -> List.of(rowCall("crossEntropy", line, bufferOf(n.input(0)), bufferOf(n.input(1)), out, rows, n.input(0).shape().dim(0)));
        case HINGE, HINGE_GRAD -> List.of(new Call(ROWS, n.op() == Op.HINGE ? "hinge" : "hingeGrad", "([DIIIIID)V",
            List.of(KernelProgram.ARENA, bufferOf(n.input(0)), bufferOf(n.input(1)), out, rows, n.input(0).shape().dim(0), n.attr()), line));
        default -> throw new IllegalStateException(n.op() + " is not a tensor op");
      };
    }

    /** A reshape shares its input's elements, unless it is a variable with a slot of its own. */
    private List<Step> copyIfNotAliased(Node n, int out, int line) {
      int in = bufferOf(n.input(0));
      if (in == out) return List.of();
      return List.of(new Call("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V",
          List.of(KernelProgram.ARENA, in, KernelProgram.ARENA, out, elements(n)), line));
    }

    private Call rowCall(String method, int line, Object... ints) {
      List<Object> args = new ArrayList<>();
      args.add(KernelProgram.ARENA);
      args.addAll(List.of(ints));
      return new Call(ROWS, method, "([D" + "I".repeat(ints.length) + ")V", args, line);
    }

    /** A SUM_TO that is not a folded outer product: zero the output, then add each element in. */
    private List<Step> sumTo(Node n, int out, int line) {
      Node x = n.input(0);
      Call zero = zero(n);
      int run = channelRun(n);
      if (run > 0) {
        int examples = x.batched() && !n.batched() ? batch : 1;
        int count = n.batched() ? batch : 1;      // a batched sum keeps its examples: one call each
        List<Step> steps = new ArrayList<>(List.of(zero));
        for (int e = 0; e < count; e++) {
          steps.add(new Call(ROWS, "sumRuns", "([DIIIII)V", List.of(KernelProgram.ARENA, bufferOf(x) + e * (int) x.shape().size(),
              out + e * (int) n.shape().size(), examples, (int) (x.shape().size() / run), run), line));
        }
        return steps;
      }
      RegionBuilder r = new RegionBuilder(x);
      Operand value = r.operand(x);
      r.body.add(new Store(access(out, n, x), value, true, "sum to " + n.shape()));
      return List.of(zero, r.build());
    }

    private Call zero(Node n) {
      int out = bufferOf(n);
      return new Call(ROWS, "zero", "([DII)V", List.of(KernelProgram.ARENA, out, out + elements(n)), line(n));
    }

    private Call batchSummedOuter(Node n, int out, int line) {
      Node u = n.input(0).input(0);
      Node v = n.input(0).input(1);
      // C[n×m] = Uᵀ V with U stored [B×n] and V [B×m]: the lecture's dW = Σ_b dz_b x_bᵀ.
      return new Call(MATMUL, "run", MATMUL_DESC, List.of(KernelProgram.ARENA, 1, (int) u.shape().size(), (int) v.shape().size(), batch,
          bufferOf(u), 0, true, bufferOf(v), 0, false, out, 0, false), line);
    }

    /**
     * A '@' as one GEMM when a shared matrix meets a batch of vectors (the batch becomes the rows),
     * else one GEMM per example. A vector on the right is computed as a row: x · op(W)ᵀ.
     */
    private Call matmul(Node n, int out, int line) {
      Node a = n.input(0);
      Node b = n.input(1);
      int ra = a.shape().rank();
      int rb = b.shape().rank();
      if (ra == 2 && rb == 1) {
        int rows = b.batched() && !a.batched() ? batch : 1;
        return matmulCall(n.batched() ? batch / rows : 1, rows, a.shape().dim(0), a.shape().dim(1), b, false, a, !isTransposed(a), out, n, line);
      }
      if (ra == 1) {
        int rows = a.batched() && !b.batched() ? batch : 1;
        int cols = rb == 2 ? b.shape().dim(1) : 1;
        return matmulCall(n.batched() ? batch / rows : 1, rows, cols, a.shape().dim(0), a, false, b, rb == 2 && isTransposed(b), out, n, line);
      }
      return matmulCall(n.batched() ? batch : 1, a.shape().dim(0), b.shape().dim(1), a.shape().dim(1), a, isTransposed(a), b, isTransposed(b), out, n, line);
    }

    private Call matmulCall(int count, int m, int cols, int k, Node a, boolean transA, Node b, boolean transB, int out, Node c, int line) {
      Node sa = unfolded(a);
      Node sb = unfolded(b);
      int aStride = count > 1 && sa.batched() ? (int) sa.shape().size() : 0;
      int bStride = count > 1 && sb.batched() ? (int) sb.shape().size() : 0;
      int cStride = count > 1 ? (int) c.shape().size() : 0;
      return new Call(MATMUL, "run", MATMUL_DESC, List.of(KernelProgram.ARENA, count, m, cols, k,
          bufferOf(sa), aStride, transA, bufferOf(sb), bStride, transB, out, cStride, false), line);
    }

    private boolean isTransposed(Node n) {
      return unfolded(n) != n;
    }

    private int line(Node n) {
      Span span = program.origins().get(n);
      return span == null ? 0 : span.line();
    }
  }

  /**
   * The run length when a SUM_TO keeps only x's leading axes (a conv bias [F, 1, 1] gathering
   * [F, H, W]): runs of H·W consecutive elements add into one target, which a region's += would
   * chain through memory element by element, so a kernel sums each run in registers instead; 0
   * for other sums.
   */
  private int channelRun(Node n) {
    if (n.op() != Op.SUM_TO) return 0;
    Node x = n.input(0);
    Access a = access(0, n, x);
    if (a.same() || a.terms().size() != 1) return 0;
    int[] t = a.terms().get(0);
    return t[0] > 1 && t[2] == 1 && (long) t[0] * t[1] == x.shape().size() ? t[0] : 0;
  }

  /**
   * The most nodes one region fuses. A region is emitted as one stretch of bytecode, and HotSpot
   * compiles no method over 8000 bytes; at about 10 bytes a node, regions of this size can be
   * spread over methods that all stay under it (ClassEmitter does that).
   */
  static final int MAX_REGION = 200;

  private static final String ROWS = "dev/nnc/runtime/kernels/RowKernels";
  private static final String MATMUL = "dev/nnc/runtime/kernels/MatMul";
  private static final String MATMUL_DESC = "([DIIIIIIZIIZIIZ)V";
}
