package dev.nnc.lower;

import dev.nnc.runtime.DeclaredShape;
import dev.nnc.ir.Evaluator;
import dev.nnc.ir.Graph;
import dev.nnc.ir.Leaf;
import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import dev.nnc.ir.Program;
import dev.nnc.ir.Prediction;
import dev.nnc.ir.Shape;
import dev.nnc.ir.ShapeRules;
import dev.nnc.lower.Callee.BuiltinCallee;
import dev.nnc.lower.Callee.DefCallee;
import dev.nnc.lower.Callee.LayerCallee;
import dev.nnc.lower.Scope.FunctionValue;
import dev.nnc.lower.Scope.NodeValue;
import dev.nnc.lower.Scope.Value;
import dev.nnc.runtime.Initializer;
import dev.nnc.syntax.Ast;
import dev.nnc.syntax.CompileException;
import dev.nnc.syntax.Diagnostic;
import dev.nnc.syntax.Limits;
import dev.nnc.syntax.SourceFile;
import dev.nnc.syntax.Span;
import dev.nnc.syntax.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * AST to graph IR: resolves names, inlines {@code def} and {@code layer} calls, applies SPEC.md's
 * implicit-input rule and reports every inconsistency at its place in the source.
 */
public final class Lowerer {
  private final SourceFile source;
  private final Graph graph = new Graph();
  private final Map<String, Ast.Def> defs = new LinkedHashMap<>();
  private final Map<String, Ast.Layer> layers = new LinkedHashMap<>();
  private final List<Leaf> leaves = new ArrayList<>();
  private final Map<String, Node> variables = new LinkedHashMap<>();
  private final Map<String, Span> variableSpans = new LinkedHashMap<>();
  private final Map<Node, Span> origins = new IdentityHashMap<>();
  private final List<Diagnostic> warnings = new ArrayList<>();
  /** Each loss call's result and the prediction it judges, to find the model's prediction. */
  private final Map<Node, Prediction> lossCalls = new IdentityHashMap<>();
  private final Scope globals = new Scope(null);
  /** The defs and layers being expanded, innermost last: a callee already here is recursion. */
  private final Deque<String> expanding = new ArrayDeque<>();
  /** Where each program-level name is assigned, to tell "used before assigned" from "unknown". */
  private final Map<String, Span> assignedAt = new HashMap<>();
  private boolean implicitInputs;
  /** While a prelude layer is expanded, the user's call of it: where its nodes and errors point. */
  private Span preludeCall;
  private String lastAssigned;

  /** Whether composite functions are lowered to primitives ({@code --expand}). */
  private final boolean expand;
  /** The values the data gives the dimensions inputs name ({@code input img[3, H, W]}). */
  private final Map<String, Integer> dimBindings;
  /** Reading only the inputs' declared shapes, before any binding is known ({@link #declaredInputs}). */
  private final boolean probe;
  private final List<DeclaredShape> declaredInputs = new ArrayList<>();

  private Lowerer(SourceFile source, boolean expand, Map<String, Integer> dimBindings, boolean probe) {
    this.source = source;
    this.expand = expand;
    this.dimBindings = dimBindings;
    this.probe = probe;
  }

  /**
   * Lowers the model called {@code modelName}, or when it is null the only or first model, or the
   * top-level statements of a file without models.
   */
  public static Program lower(Ast.Program ast, String modelName) {
    return lower(ast, modelName, false);
  }

  /** As {@link #lower(Ast.Program, String)}; with {@code expand}, composites become primitives. */
  public static Program lower(Ast.Program ast, String modelName, boolean expand) {
    return lower(ast, modelName, expand, Map.of());
  }

  /** As {@link #lower(Ast.Program, String, boolean)}, with values for the dimensions inputs name. */
  public static Program lower(Ast.Program ast, String modelName, boolean expand, Map<String, Integer> dims) {
    return new Lowerer(ast.source(), expand, dims, false).run(ast, modelName);
  }

  /**
   * The shapes the model's inputs declare, with the names of the dimensions the data binds, read
   * without binding them. Only constants and inputs are lowered; an input whose declaration
   * cannot be read on its own is left out (compiling the program reports what is wrong with it).
   */
  public static List<DeclaredShape> declaredInputs(Ast.Program ast, String modelName) {
    Lowerer probe = new Lowerer(ast.source(), false, Map.of(), true);
    probe.run(ast, modelName);
    return List.copyOf(probe.declaredInputs);
  }

  private Program run(Ast.Program ast, String modelName) {
    for (Ast.Item item : Prelude.layers()) layers.put(((Ast.Layer) item).name(), (Ast.Layer) item);
    List<Ast.Stmt> topLevel = new ArrayList<>();
    List<Ast.Model> models = new ArrayList<>();
    for (Ast.Item item : ast.items()) {
      if (item instanceof Ast.Def d) {
        declareCallable(d.name(), d.span(), () -> defs.put(d.name(), d));
      } else if (item instanceof Ast.Layer l) {
        checkLayerShape(l);
        declareCallable(l.name(), l.span(), () -> layers.put(l.name(), l));
      } else if (item instanceof Ast.Model m) {
        models.add(m);
      } else {
        topLevel.add((Ast.Stmt) item);
      }
    }
    Ast.Model model = chooseModel(models, modelName);
    List<Ast.Stmt> body = new ArrayList<>(topLevel);
    if (model != null) body.addAll(model.body());
    implicitInputs = body.stream().noneMatch(s -> s instanceof Ast.Declaration d && d.kind() == Ast.DeclKind.INPUT);
    for (Ast.Stmt s : body) {
      if (s instanceof Ast.Assign a) assignedAt.putIfAbsent(a.name(), a.span());
    }
    Scope scope = model == null ? globals : new Scope(globals);
    for (Ast.Stmt s : topLevel) statement(s, globals);
    if (model != null) for (Ast.Stmt s : model.body()) statement(s, scope);
    String objective = variables.containsKey("loss") ? "loss" : lastAssigned;
    String name = model != null ? model.name() : baseName(source.name());
    Prediction prediction = objective == null ? null : predictionOf(variables.get(objective));
    return new Program(source, name, graph, List.copyOf(leaves), variables, variableSpans, objective, origins, List.copyOf(warnings), prediction);
  }

  /** The prediction judged by the first loss call (in graph order) that the objective depends on. */
  private Prediction predictionOf(Node objective) {
    for (Node n : Graph.reachable(List.of(objective))) {
      Prediction p = lossCalls.get(n);
      if (p != null) return p;
    }
    return null;
  }

  private Ast.Model chooseModel(List<Ast.Model> models, String modelName) {
    if (modelName == null) return models.isEmpty() ? null : models.get(0);
    for (Ast.Model m : models) if (m.name().equals(modelName)) return m;
    List<String> names = models.stream().map(Ast.Model::name).toList();
    String message = models.isEmpty()
        ? "there is no model '" + modelName + "': the file defines no models"
        : "there is no model '" + modelName + "' (models: " + String.join(", ", names) + ")" + Suggestions.didYouMean(modelName, names);
    throw error(Span.NONE, message);
  }

  private void declareCallable(String name, Span span, Runnable register) {
    // A program may define its own dense or conv: it replaces the prelude's.
    boolean prelude = Prelude.defines(name) && !defs.containsKey(name) && layers.get(name) == Prelude.layer(name);
    if (!prelude && (defs.containsKey(name) || layers.containsKey(name))) throw error(span, "'" + name + "' is already defined");
    layers.remove(name);
    if (Builtin.ALL.containsKey(name)) throw error(span, "'" + name + "' is a built-in function and cannot be redefined");
    register.run();
  }

  // A layer must end in a return, and nothing may follow it.
  private void checkLayerShape(Ast.Layer layer) {
    List<Ast.Stmt> body = layer.body();
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i) instanceof Ast.Return r && i < body.size() - 1) {
        throw error(body.get(i + 1).span(), "unreachable statement after the return of layer '" + layer.name() + "'");
      }
    }
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Ast.Return)) {
      throw error(layer.span(), "layer '" + layer.name() + "' has no return: its last statement must be 'return <expression>'");
    }
  }

  // ---- statements of the program

  private void statement(Ast.Stmt stmt, Scope scope) {
    if (probe) {
      probeStatement(stmt, scope);
    } else if (stmt instanceof Ast.Declaration d) {
      declaration(d, scope, "");
    } else if (stmt instanceof Ast.Assign a) {
      checkNewName(a.name(), a.span(), scope);
      Node value = assignedValue(a, scope, "");
      scope.bind(a.name(), new NodeValue(value), a.span(), "variable");
      variables.put(a.name(), value);
      variableSpans.put(a.name(), a.span());
      lastAssigned = a.name();
    } else {
      throw error(stmt.span(), "return is only allowed as the last statement of a layer");
    }
    checkSize(stmt.span());
  }

  /** Limits.MAX_NODES, reported where the program crosses it (inlining can multiply a small text). */
  private void checkSize(Span span) {
    if (graph.size() > Limits.MAX_NODES) {
      throw error(span, "the program is too large: it lowers to more than " + Limits.MAX_NODES
          + " graph nodes (nnc's limit); this is where it crosses it");
    }
  }

  private void probeStatement(Ast.Stmt stmt, Scope scope) {
    if (!(stmt instanceof Ast.Declaration d) || !(d.kind() == Ast.DeclKind.INPUT || d.kind() == Ast.DeclKind.CONST)) return;
    try {
      declaration(d, scope, "");
    } catch (CompileException e) {
      // Compiling the program reports it, with the bindings in place.
    }
  }

  /** The value of an assignment; a layer call takes its parameter names from the target. */
  private Node assignedValue(Ast.Assign a, Scope scope, String prefix) {
    if (a.value() instanceof Ast.Call call && resolveCallee(call, scope) instanceof LayerCallee layer) {
      return layerCall(call, layer.layer(), scope, prefix + a.name());
    }
    return expr(a.value(), scope, prefix);
  }

  private void checkNewName(String name, Span span, Scope scope) {
    Scope.Binding existing = scope.lookup(name);
    if (existing == null) return;
    if (existing.value() instanceof NodeValue && !existing.what().equals("variable")) {
      throw error(span, "cannot assign to " + existing.what() + " '" + name + "' (declared at " + existing.span() + ")");
    }
    throw error(span, "'" + name + "' is already " + (existing.what().equals("variable") ? "assigned" : "declared")
        + " at " + existing.span() + "; a name is assigned once (write a new name)");
  }

  private void declaration(Ast.Declaration d, Scope scope, String prefix) {
    Scope.Binding existing = scope.local(d.name());
    if (existing != null) {
      throw error(d.span(), "'" + d.name() + "' is already declared at " + existing.span());
    }
    Shape shape = shape(d, scope);
    String kindWord = d.kind().keyword;
    Node node;
    switch (d.kind()) {
      case CONST -> node = constValue(d, shape, scope);
      case INPUT, LABEL -> {
        if (!prefix.isEmpty()) throw error(d.span(), kindWord + " declarations belong to the program, not to a layer");
        node = graph.leaf(d.kind() == Ast.DeclKind.INPUT ? Op.INPUT : Op.LABEL, d.name(), shape);
        leaves.add(new Leaf(node, d.kind() == Ast.DeclKind.INPUT ? Leaf.Kind.INPUT : Leaf.Kind.LABEL, d.span(), null));
      }
      case PARAM -> {
        String fullName = prefix + d.name();
        if (graph.hasLeaf(fullName)) throw error(d.span(), "a parameter named '" + fullName + "' already exists");
        node = graph.leaf(Op.PARAM, fullName, shape);
        Initializer init = initializer(d, scope);
        if (!init.breaksSymmetry() && shape.dims().stream().filter(n -> n > 1).count() >= 2) {      // not a bias [F, 1, 1]
          warnings.add(Diagnostic.warning(source, d.span(), "param '" + fullName + "' starts with every element equal, "
              + "which cannot break the symmetry between its units; use he or xavier"));
        }
        leaves.add(new Leaf(node, Leaf.Kind.PARAM, d.span(), init));
      }
      default -> throw new AssertionError(d.kind());
    }
    origins.putIfAbsent(node, preludeCall != null ? preludeCall : d.span());
    scope.bind(d.name(), new NodeValue(node), d.span(), kindWord);
  }

  /**
   * A const's value: a number, or a tensor (a literal, another tensor constant) of the declared
   * shape; a const declared without dimensions takes its value's shape.
   */
  private Node constValue(Ast.Declaration d, Shape declared, Scope scope) {
    String what = "the value of const '" + d.name() + "'";
    if (d.init() == null) throw error(d.span(), "const '" + d.name() + "' needs a value: const " + d.name() + " = 2, or a tensor literal");
    Node value = expr(d.init(), scope, "");
    if (value.op() != Op.TENSOR) {
      if (!declared.isScalar()) {
        throw error(d.init().span(), "const '" + d.name() + "' is declared " + declared + ", so its value must be a tensor literal of that shape");
      }
      OptionalDouble number = Evaluator.constantValue(value);
      if (number.isEmpty()) throw error(d.init().span(), what + " must be a constant");
      return graph.constant(number.getAsDouble());
    }
    if (!d.dims().isEmpty() && !value.shape().equals(declared)) {
      throw error(d.init().span(), "const '" + d.name() + "' is declared " + declared + ", but its value has shape " + value.shape());
    }
    return graph.tensor(value.shape(), value.data().stream().mapToDouble(Double::doubleValue).toArray(), d.name());
  }

  /**
   * A tensor literal's constant: nested brackets whose rows at each depth have one length. The
   * first element at each depth fixes the rank, so a row that differs is reported where it is.
   */
  private Node tensorLiteral(Ast.TensorLit literal, Scope scope) {
    List<Integer> dims = new ArrayList<>();
    for (Ast.Expr e = literal; e instanceof Ast.TensorLit t; e = t.elements().get(0)) dims.add(t.elements().size());
    List<Double> values = new ArrayList<>();
    literalRow(literal, 0, dims, values, scope);
    Shape shape = new Shape(dims);
    if (shape.size() > Integer.MAX_VALUE) throw error(literal.span(), "a tensor holds at most 2^31 - 1 elements");
    return graph.tensor(shape, values.stream().mapToDouble(Double::doubleValue).toArray(), null);
  }

  private void literalRow(Ast.TensorLit row, int depth, List<Integer> dims, List<Double> values, Scope scope) {
    if (row.elements().size() != dims.get(depth)) {
      throw error(row.span(), "ragged tensor literal: this row has " + row.elements().size() + " elements, but the first row at its depth has "
          + dims.get(depth) + " (every row must have the same length)");
    }
    boolean rows = depth < dims.size() - 1;
    for (Ast.Expr e : row.elements()) {
      if (e instanceof Ast.TensorLit inner) {
        if (!rows) throw error(e.span(), "ragged tensor literal: a row where the first row at this depth has a number");
        literalRow(inner, depth + 1, dims, values, scope);
      } else {
        if (rows) throw error(e.span(), "ragged tensor literal: a number where the first row at this depth has a row of " + dims.get(depth + 1));
        values.add(constant(e, scope, "an element of a tensor literal"));
      }
    }
  }

  private Shape shape(Ast.Declaration d, Scope scope) {
    List<Integer> dims = new ArrayList<>();
    List<DeclaredShape.Axis> axes = new ArrayList<>();
    for (Ast.Expr e : d.dims()) {
      String named = d.kind() == Ast.DeclKind.INPUT ? namedDimension(e, scope) : null;
      if (named != null) {
        int bound = bindDimension(named, d, e, scope);
        axes.add(new DeclaredShape.Axis(named, probe ? 0 : bound));
        dims.add(bound);
        continue;
      }
      if (e instanceof Ast.Name n && scope.lookup(n.id()) == null && !assignedAt.containsKey(n.id()) && namedCallee(n.id()) == null && !implicitInputs) {
        throw error(e.span(), "unknown name '" + n.id() + "' as a dimension; only an input's declaration may name a dimension "
            + "that the data binds (input img[3, H, W])" + Suggestions.didYouMean(n.id(), scope.visibleNames()));
      }
      double v = constant(e, scope, "a dimension");
      if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
        throw error(e.span(), "a dimension must be a positive integer, but this one is " + format(v));
      }
      dims.add((int) v);
      axes.add(new DeclaredShape.Axis(null, (int) v));
    }
    if (dims.size() > Limits.MAX_RANK) {
      throw error(d.dims().get(Limits.MAX_RANK).span(), "'" + d.name() + "' has " + dims.size()
          + " axes; a tensor has at most " + Limits.MAX_RANK + " (the batch axis not counted)");
    }
    if (d.kind() == Ast.DeclKind.INPUT) declaredInputs.add(new DeclaredShape(d.name(), axes));
    Shape shape = new Shape(dims);
    if (shape.size() > Integer.MAX_VALUE || shape.size() < 0) {
      throw error(d.span(), "'" + d.name() + "' would hold " + java.math.BigInteger.valueOf(shape.dims().get(0)).multiply(
          java.math.BigInteger.valueOf(Math.max(1, shape.size() / shape.dims().get(0)))) + " elements; a tensor holds at most 2^31 - 1");
    }
    return shape;
  }

  /**
   * The name of a dimension an input declaration names: a bare name that is not otherwise
   * defined, or one that an earlier input named (two inputs may share {@code H}); else null.
   */
  private String namedDimension(Ast.Expr e, Scope scope) {
    if (!(e instanceof Ast.Name n)) return null;
    Scope.Binding b = scope.lookup(n.id());
    if (b != null) return b.what().equals("dimension") ? n.id() : null;
    return assignedAt.containsKey(n.id()) || namedCallee(n.id()) != null ? null : n.id();
  }

  /** The value of a named dimension, bound in {@code scope} on first use so later declarations may use it. */
  private int bindDimension(String name, Ast.Declaration d, Ast.Expr at, Scope scope) {
    Scope.Binding b = scope.lookup(name);
    if (b != null) return (int) Evaluator.constantValue(((NodeValue) b.value()).node()).getAsDouble();
    Integer value = probe ? Integer.valueOf(1) : dimBindings.get(name);
    if (value == null) {
      throw error(at.span(), "dimension '" + name + "' of input '" + d.name() + "' is not bound: the data binds it when the program runs "
          + "(nnc run FILE --input " + d.name() + "=IMAGE.png), and there is none here");
    }
    if (value < 1) throw error(at.span(), "dimension '" + name + "' of input '" + d.name() + "' is bound to " + value + "; a dimension is a positive integer");
    scope.bind(name, new NodeValue(graph.constant(value)), at.span(), "dimension");
    return value;
  }

  private Initializer initializer(Ast.Declaration d, Scope scope) {
    Ast.Expr init = d.init();
    if (init == null) {
      throw error(d.span(), "param '" + d.name() + "' needs a start value: param " + d.name() + " = 0.5, or an initializer such as normal(0.01)");
    }
    if (init instanceof Ast.Name n && n.id().equals("zeros")) return new Initializer.Constant(0);
    if (init instanceof Ast.Name n && n.id().equals("he")) return new Initializer.He();
    if (init instanceof Ast.Name n && n.id().equals("xavier")) return new Initializer.Xavier();
    if (init instanceof Ast.Call c && (c.callee().equals("uniform") || c.callee().equals("normal"))) {
      if (c.args().size() != 1 || !c.named().isEmpty()) throw error(c.span(), c.callee() + " takes 1 argument (the scale), but " + (c.args().size() + c.named().size()) + " were given");
      double scale = constant(c.args().get(0), scope, "the scale of " + c.callee());
      return c.callee().equals("uniform") ? new Initializer.Uniform(scale) : new Initializer.Normal(scale);
    }
    if (init instanceof Ast.Call c && c.callee().equals("sparse")) {
      if (c.args().size() != 2 || !c.named().isEmpty()) throw error(c.span(), "sparse takes 2 arguments (k, s), but " + (c.args().size() + c.named().size()) + " were given");
      if (d.dims().size() != 2) throw error(c.span(), "sparse(k, s) initializes a weight matrix W[n, m]");
      double k = constant(c.args().get(0), scope, "the k of sparse");
      return new Initializer.Sparse((int) k, constant(c.args().get(1), scope, "the scale of sparse"));
    }
    return new Initializer.Constant(constant(init, scope, "the start value of param '" + d.name() + "'"));
  }

  // ---- expressions

  private Node expr(Ast.Expr e, Scope scope, String prefix) {
    Node node;
    if (e instanceof Ast.Num n) {
      node = graph.constant(n.value());
    } else if (e instanceof Ast.Name n) {
      node = nameValue(n, scope);
    } else if (e instanceof Ast.Negate n) {
      node = apply(n.span(), Op.NEG, 0, expr(n.operand(), scope, prefix));
    } else if (e instanceof Ast.Binary b) {
      node = binary(b, scope, prefix);
    } else if (e instanceof Ast.Call c) {
      node = call(c, scope, prefix);
    } else {
      node = tensorLiteral((Ast.TensorLit) e, scope);
    }
    origins.putIfAbsent(node, preludeCall != null ? preludeCall : e.span());
    return node;
  }

  private Node binary(Ast.Binary b, Scope scope, String prefix) {
    if (b.op() == Ast.BinaryOp.POW) {
      Node base = expr(b.left(), scope, prefix);
      double exponent = constant(b.right(), scope, "the exponent of ^", "; for a variable power write exp(y * log(x))");
      return apply(b.span(), Op.POW, exponent, base);
    }
    Node left = expr(b.left(), scope, prefix);
    Node right = expr(b.right(), scope, prefix);
    Op op = switch (b.op()) {
      case ADD -> Op.ADD;
      case SUB -> Op.SUB;
      case MUL -> Op.MUL;
      case DIV -> Op.DIV;
      case MATMUL -> Op.MATMUL;
      default -> throw new AssertionError(b.op());
    };
    return apply(b.span(), op, 0, left, right);
  }

  private Node nameValue(Ast.Name n, Scope scope) {
    Value v = resolveName(n, scope);
    if (v instanceof FunctionValue f) {
      throw error(n.span(), "'" + n.id() + "' is a function; call it, as in " + n.id() + "(" + String.join(", ", f.callee().formals()) + ")");
    }
    return ((NodeValue) v).node();
  }

  private Value resolveName(Ast.Name n, Scope scope) {
    Scope.Binding b = scope.lookup(n.id());
    if (b != null) return b.value();
    Callee callee = namedCallee(n.id());
    if (callee != null) return new FunctionValue(callee);
    Filters.Filter filter = Filters.ALL.get(n.id());
    if (filter != null) return new NodeValue(graph.tensor(filter.shape(), filter.values(), n.id()));
    Span assigned = assignedAt.get(n.id());
    if (assigned != null) throw error(n.span(), "'" + n.id() + "' is used before its assignment at " + assigned);
    if (implicitInputs && expanding.isEmpty()) return implicitInput(n);
    List<String> known = new ArrayList<>(scope.visibleNames());
    known.addAll(Filters.ALL.keySet());
    throw error(n.span(), "unknown name '" + n.id() + "'" + Suggestions.didYouMean(n.id(), known));
  }

  // SPEC.md: in a file with no input declaration every free name is a scalar input.
  private Value implicitInput(Ast.Name n) {
    Node node = graph.leaf(Op.INPUT, n.id(), Shape.SCALAR);
    leaves.add(new Leaf(node, Leaf.Kind.INPUT, n.span(), null));
    origins.putIfAbsent(node, n.span());
    Value v = new NodeValue(node);
    globals.bind(n.id(), v, n.span(), "input");
    return v;
  }

  private Callee namedCallee(String name) {
    if (defs.containsKey(name)) return new DefCallee(defs.get(name));
    if (layers.containsKey(name)) return new LayerCallee(layers.get(name));
    Builtin b = Builtin.ALL.get(name);
    return b == null ? null : new BuiltinCallee(b);
  }

  private Callee resolveCallee(Ast.Call call, Scope scope) {
    Scope.Binding b = scope.lookup(call.callee());
    if (b != null) {
      if (b.value() instanceof FunctionValue f) return f.callee();
      throw error(call.span(), "'" + call.callee() + "' is " + article(b.what()) + " " + b.what() + ", not a function");
    }
    Callee callee = namedCallee(call.callee());
    if (callee != null) return callee;
    List<String> known = new ArrayList<>(Builtin.ALL.keySet());
    known.addAll(defs.keySet());
    known.addAll(layers.keySet());
    throw error(call.span(), "unknown function '" + call.callee() + "'" + Suggestions.didYouMean(call.callee(), known));
  }

  private Node call(Ast.Call call, Scope scope, String prefix) {
    Callee callee = resolveCallee(call, scope);
    if (callee instanceof BuiltinCallee b) return builtinCall(call, b.builtin(), scope, prefix);
    if (callee instanceof DefCallee d) return defCall(call, d.def(), scope, prefix);
    throw error(call.span(), "layer '" + callee.name() + "' must be called on its own, as in h = " + callee.name()
        + "(...): its parameters are named after the variable");
  }

  private Node builtinCall(Ast.Call call, Builtin builtin, Scope scope, String prefix) {
    Ast.Expr[] args = bindArguments(call, builtin.name(), builtin.formals(), builtin.required());
    return BuiltinLowering.lower(builtin, call, args, new BuiltinLowering.Context() {
      public Node node(Ast.Expr e) {
        return expr(e, scope, prefix);
      }

      public double constant(Ast.Expr e, String what) {
        return Lowerer.this.constant(e, scope, what);
      }

      public Node apply(Span span, Op op, double attr, Node... inputs) {
        return Lowerer.this.apply(span, op, attr, inputs);
      }

      public Node applyWithSettings(Span span, Op op, int[] settings, Node... inputs) {
        try {
          return graph.applyWithSettings(op, settings, inputs);
        } catch (ShapeRules.ShapeError e) {
          throw Lowerer.this.error(span, e.getMessage());
        }
      }

      public Graph graph() {
        return graph;
      }

      public RuntimeException error(Span span, String message) {
        return Lowerer.this.error(span, message);
      }

      public void warn(Span span, String message) {
        warnings.add(Diagnostic.warning(source, span, message));
      }

      public void lossCall(Node loss, Prediction prediction) {
        lossCalls.put(loss, prediction);
      }

      public boolean expand() {
        return expand;
      }
    });
  }

  /** op(inputs) in the graph; a shape mismatch becomes an error at {@code span}. */
  private Node apply(Span span, Op op, double attr, Node... inputs) {
    Node node;
    try {
      node = graph.apply(op, attr, inputs);
    } catch (ShapeRules.ShapeError e) {
      throw error(span, e.getMessage());
    }
    checkSize(span);
    return node;
  }

  private Node defCall(Ast.Call call, Ast.Def def, Scope scope, String prefix) {
    List<String> formals = def.formals().stream().map(Ast.Formal::name).toList();
    Ast.Expr[] args = bindArguments(call, def.name(), formals, requiredCount(def.formals()));
    Scope body = new Scope(globals);
    bindFormals(def.formals(), args, scope, body, prefix);
    enter(def.name(), call.span());
    try {
      return expr(def.body(), body, prefix);
    } finally {
      expanding.removeLast();
    }
  }

  private Node layerCall(Ast.Call call, Ast.Layer layer, Scope scope, String paramPrefix) {
    List<String> formals = layer.formals().stream().map(Ast.Formal::name).toList();
    Ast.Expr[] args = bindArguments(call, layer.name(), formals, requiredCount(layer.formals()));
    Scope body = new Scope(globals);
    bindFormals(layer.formals(), args, scope, body, paramPrefix);
    enter(layer.name(), call.span());
    Span outerPreludeCall = preludeCall;
    if (preludeCall == null && layer == Prelude.layer(layer.name())) preludeCall = call.span();
    try {
      String prefix = paramPrefix + ".";
      for (Ast.Stmt s : layer.body()) {
        if (s instanceof Ast.Declaration d) {
          declaration(d, body, prefix);
        } else if (s instanceof Ast.Assign a) {
          checkNewName(a.name(), a.span(), body);
          body.bind(a.name(), new NodeValue(assignedValue(a, body, prefix)), a.span(), "variable");
        } else {
          return expr(((Ast.Return) s).value(), body, prefix);
        }
      }
      throw new AssertionError("checkLayerShape guarantees a return");
    } finally {
      preludeCall = outerPreludeCall;
      expanding.removeLast();
    }
  }

  private void enter(String callee, Span callSpan) {
    if (expanding.contains(callee)) {
      List<String> cycle = new ArrayList<>(expanding);
      cycle = cycle.subList(cycle.indexOf(callee), cycle.size());
      throw error(callSpan, "recursive call of '" + callee + "' (" + String.join(" -> ", cycle) + " -> " + callee + "); functions cannot call themselves");
    }
    expanding.addLast(callee);
  }

  /** Binds formals to argument values (nodes or functions) evaluated in the caller's scope. */
  private void bindFormals(List<Ast.Formal> formals, Ast.Expr[] args, Scope caller, Scope body, String prefix) {
    for (int i = 0; i < formals.size(); i++) {
      Ast.Formal f = formals.get(i);
      Ast.Expr arg = args[i] != null ? args[i] : f.defaultValue();
      // A default is written where the def is, so it resolves there; an argument where the call is.
      Scope where = args[i] != null ? caller : globals;
      Value value = arg instanceof Ast.Name n ? resolveName(n, where) : new NodeValue(expr(arg, where, prefix));
      body.bind(f.name(), value, f.span(), "parameter");
    }
  }

  private static int requiredCount(List<Ast.Formal> formals) {
    int n = 0;
    while (n < formals.size() && formals.get(n).defaultValue() == null) n++;
    return n;
  }

  /**
   * Matches a call's positional and named arguments to formals, in formal order; a formal with
   * no argument is null (its default applies). Reports wrong counts and unknown or repeated names.
   */
  private Ast.Expr[] bindArguments(Ast.Call call, String callee, List<String> formals, int required) {
    int given = call.args().size() + call.named().size();
    if (call.args().size() > formals.size() || given > formals.size() || given < required && call.named().isEmpty()) {
      throw error(call.span(), callee + " takes " + countPhrase(required, formals.size()) + ", but " + given + (given == 1 ? " was" : " were") + " given");
    }
    Ast.Expr[] bound = new Ast.Expr[formals.size()];
    for (int i = 0; i < call.args().size(); i++) bound[i] = call.args().get(i);
    for (Ast.NamedArg named : call.named()) {
      int i = formals.indexOf(named.name());
      if (i < 0) {
        throw error(named.span(), callee + " has no parameter '" + named.name() + "' (its parameters: " + String.join(", ", formals) + ")"
            + Suggestions.didYouMean(named.name(), formals));
      }
      if (bound[i] != null) throw error(named.span(), "argument '" + named.name() + "' of " + callee + " is given twice");
      bound[i] = named.value();
    }
    for (int i = 0; i < required; i++) {
      if (bound[i] == null) throw error(call.span(), callee + " is missing its argument '" + formals.get(i) + "'");
    }
    return bound;
  }

  private static String countPhrase(int required, int max) {
    String n = required == max ? String.valueOf(max) : required + " to " + max;
    return n + (max == 1 ? " argument" : " arguments");
  }

  /** The value of a constant expression, or an error naming {@code what} must be constant. */
  private double constant(Ast.Expr e, Scope scope, String what) {
    return constant(e, scope, what, "");
  }

  private double constant(Ast.Expr e, Scope scope, String what, String hint) {
    Node node = expr(e, scope, "");
    OptionalDouble value = Evaluator.constantValue(node);
    if (value.isEmpty()) throw error(e.span(), what + " must be a constant" + hint);
    return value.getAsDouble();
  }

  private CompileException error(Span span, String message) {
    if (preludeCall != null) return new CompileException(source, preludeCall, "in " + expanding.getFirst() + ": " + message);
    return new CompileException(source, span, message);
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String baseName(String path) {
    String file = java.nio.file.Path.of(path).getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
