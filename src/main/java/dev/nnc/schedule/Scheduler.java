package dev.nnc.schedule;

import dev.nnc.autodiff.Backward;
import dev.nnc.ir.Graph;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import dev.nnc.ir.Program;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Entry;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.schedule.KernelProgram.Compute;
import dev.nnc.schedule.KernelProgram.Constant;
import dev.nnc.schedule.KernelProgram.Instr;
import dev.nnc.schedule.KernelProgram.Load;
import dev.nnc.schedule.KernelProgram.Local;
import dev.nnc.schedule.KernelProgram.Method;
import dev.nnc.schedule.KernelProgram.Operand;
import dev.nnc.schedule.KernelProgram.Store;
import dev.nnc.syntax.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a scalar program: lays out the arena (leaves, variables, forward values the backward pass
 * reads, gradients) and orders the forward and backward methods' instructions. Forward computes
 * every assigned variable; backward reads saved forward values instead of recomputing them.
 */
public final class Scheduler {
  private final Program program;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<Node, Integer> slotOf = new HashMap<>();

  private Scheduler(Program program) {
    this.program = program;
  }

  public static KernelProgram schedule(Program program, Backward backward, String className) {
    return new Scheduler(program).run(backward, className);
  }

  private KernelProgram run(Backward backward, String className) {
    for (Leaf leaf : program.leaves()) {
      slotOf.put(leaf.node(), add(leaf.name(), Role.valueOf(leaf.kind().name())));
    }
    List<Node> forwardRoots = new ArrayList<>(program.variables().values());
    Set<Node> forwardNodes = computed(Graph.reachable(forwardRoots), Set.of());

    List<Node> backwardRoots = backward == null ? List.of() : new ArrayList<>(backward.leafGradients().values());
    List<Node> backwardNodes = backward == null ? List.of() : List.copyOf(computed(Graph.reachable(backwardRoots), forwardNodes));
    // Forward values the backward pass reads are saved in the arena by forward.
    Map<Node, Integer> saved = new LinkedHashMap<>();
    for (Node n : backwardNodes) for (Node in : n.inputs()) if (forwardNodes.contains(in)) saved.putIfAbsent(in, -1);
    for (Node root : backwardRoots) if (forwardNodes.contains(root)) saved.putIfAbsent(root, -1);

    Map<String, Integer> variableSlots = new LinkedHashMap<>();
    program.variables().forEach((name, node) -> variableSlots.put(name, add(name, Role.VALUE)));
    for (Node n : saved.keySet()) {
      Integer existing = variableSlotOf(n, variableSlots);
      saved.put(n, existing != null ? existing : add("t" + n.id(), Role.SAVED));
    }
    Map<Leaf, Integer> gradSlots = new LinkedHashMap<>();
    if (backward != null) {
      for (Leaf leaf : backward.leafGradients().keySet()) {
        if (leaf.kind() != Leaf.Kind.LABEL) gradSlots.put(leaf, add(leaf.name(), Role.GRADIENT));
      }
    }
    int size = entries.size();
    ArenaLayout layout = new ArenaLayout(size, entries);

    MethodBuilder fwd = new MethodBuilder();
    for (Node n : sorted(forwardNodes)) fwd.compute(n);
    program.variables().forEach((name, node) -> fwd.store(variableSlots.get(name), node, name));
    saved.forEach((node, slot) -> {
      if (!variableSlots.containsValue(slot)) fwd.store(slot, node, "saved for backward");
    });

    MethodBuilder bwd = new MethodBuilder();
    saved.forEach((node, slot) -> bwd.preset(node, slot));
    for (Node n : backwardNodes) bwd.compute(n);
    if (backward != null) {
      gradSlots.forEach((leaf, slot) -> bwd.store(slot, backward.leafGradients().get(leaf), "d" + leaf.name()));
    }
    return new KernelProgram(className, program.source().name(), layout, fwd.build("forward"), bwd.build("backward"));
  }

  private Integer variableSlotOf(Node n, Map<String, Integer> variableSlots) {
    for (Map.Entry<String, Node> v : program.variables().entrySet()) {
      if (v.getValue() == n) return variableSlots.get(v.getKey());
    }
    return null;
  }

  private int add(String name, Role role) {
    int slot = entries.size();
    entries.add(new Entry(name, role, slot, List.of()));
    return slot;
  }

  /** The non-leaf, non-constant nodes of {@code nodes} that are not already in {@code done}. */
  private static Set<Node> computed(List<Node> nodes, Set<Node> done) {
    Set<Node> out = new java.util.LinkedHashSet<>();
    for (Node n : nodes) if (!n.op().isLeaf() && !done.contains(n)) out.add(n);
    return out;
  }

  private static List<Node> sorted(Set<Node> nodes) {
    return nodes.stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
  }

  /** Builds one method: loads on first use, computes into fresh locals, stores results. */
  private final class MethodBuilder {
    private final List<Instr> body = new ArrayList<>();
    private final Map<Node, Local> locals = new HashMap<>();
    private final Map<Node, Integer> presets = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();

    /** {@code node} was computed by forward and saved at {@code slot}: load it rather than recompute. */
    void preset(Node node, int slot) {
      presets.put(node, slot);
    }

    void compute(Node n) {
      List<Operand> args = new ArrayList<>();
      for (Node in : n.inputs()) args.add(operand(in));
      Local target = newLocal(n);
      body.add(new Compute(target, n.op(), n.attr(), args, line(n)));
      locals.put(n, target);
    }

    void store(int slot, Node value, String what) {
      body.add(new Store(slot, operand(value), what));
    }

    private Operand operand(Node n) {
      if (n.isConst()) return new Constant(n.attr());
      Local local = locals.get(n);
      if (local != null) return local;
      Integer slot = n.op().isLeaf() ? slotOf.get(n) : presets.get(n);
      if (slot == null) throw new IllegalStateException("no value for " + n + " in this method");
      Local loaded = newLocal(n);
      body.add(new Load(loaded, slot));
      locals.put(n, loaded);
      return loaded;
    }

    private Local newLocal(Node n) {
      String name = localName(n);
      String unique = name;
      for (int k = 2; !usedNames.add(unique); k++) unique = name + "_" + k;
      return new Local(locals.size(), unique);
    }

    private String localName(Node n) {
      if (n.name() != null) return n.name().replace('.', '_');
      for (Map.Entry<String, Node> v : program.variables().entrySet()) if (v.getValue() == n) return v.getKey();
      return "t" + n.id();
    }

    private int line(Node n) {
      Span span = program.origins().get(n);
      return span == null ? 0 : span.line();
    }

    Method build(String name) {
      return new Method(name, List.copyOf(body), locals.size());
    }
  }
}
