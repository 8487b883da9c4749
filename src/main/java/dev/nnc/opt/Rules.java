package dev.nnc.opt;

import static dev.nnc.ir.Op.ADD;
import static dev.nnc.ir.Op.DIV;
import static dev.nnc.ir.Op.IF_GE;
import static dev.nnc.ir.Op.IF_GT;
import static dev.nnc.ir.Op.MUL;
import static dev.nnc.ir.Op.NEG;
import static dev.nnc.ir.Op.POW;
import static dev.nnc.ir.Op.SUB;

import dev.nnc.ir.Node;
import java.util.List;

/**
 * The simplifier's rewrite rules, one line each. Every rule keeps IEEE double results bit for bit
 * for finite values (x + 0 is x, x - (-y) is x + y), so simplified code still reproduces a hand
 * computation; {@code 0 * x → 0} is the one exception, as in every algebraic simplifier, for
 * infinite or NaN x. Constant folding is not listed here: it applies to every op.
 */
final class Rules {
  private Rules() {}

  static final List<Rule> ALL = List.of(
      new Rule(ADD, "x + 0 → x", (n, s) -> zero(n.input(1)) ? n.input(0) : null),
      new Rule(ADD, "0 + x → x", (n, s) -> zero(n.input(0)) ? n.input(1) : null),
      new Rule(ADD, "x + (-y) → x - y", (n, s) -> n.input(1).op() == NEG ? s.make(SUB, n.input(0), n.input(1).input(0)) : null),
      new Rule(ADD, "(-x) + y → y - x", (n, s) -> n.input(0).op() == NEG ? s.make(SUB, n.input(1), n.input(0).input(0)) : null),
      new Rule(ADD, "x + x → 2 * x", (n, s) -> n.input(0) == n.input(1) ? s.make(MUL, s.constant(2), n.input(0)) : null),
      new Rule(SUB, "x - 0 → x", (n, s) -> zero(n.input(1)) ? n.input(0) : null),
      new Rule(SUB, "0 - x → -x", (n, s) -> zero(n.input(0)) ? s.make(NEG, n.input(1)) : null),
      new Rule(ADD, "x + (-c) → x - c", (n, s) -> negative(n.input(1)) ? s.make(SUB, n.input(0), s.constant(-n.input(1).attr())) : null),
      new Rule(SUB, "x - (-c) → x + c", (n, s) -> negative(n.input(1)) ? s.make(ADD, n.input(0), s.constant(-n.input(1).attr())) : null),
      new Rule(SUB, "x - (-y) → x + y", (n, s) -> n.input(1).op() == NEG ? s.make(ADD, n.input(0), n.input(1).input(0)) : null),
      new Rule(MUL, "x * 1 → x", (n, s) -> n.input(1).isConst(1) ? n.input(0) : null),
      new Rule(MUL, "1 * x → x", (n, s) -> n.input(0).isConst(1) ? n.input(1) : null),
      new Rule(MUL, "x * 0 → 0", (n, s) -> zero(n.input(1)) ? s.constant(0) : null),
      new Rule(MUL, "0 * x → 0", (n, s) -> zero(n.input(0)) ? s.constant(0) : null),
      new Rule(MUL, "x * -1 → -x", (n, s) -> n.input(1).isConst(-1) ? s.make(NEG, n.input(0)) : null),
      new Rule(MUL, "-1 * x → -x", (n, s) -> n.input(0).isConst(-1) ? s.make(NEG, n.input(1)) : null),
      new Rule(DIV, "x / 1 → x", (n, s) -> n.input(1).isConst(1) ? n.input(0) : null),
      new Rule(NEG, "-(-x) → x", (n, s) -> n.input(0).op() == NEG ? n.input(0).input(0) : null),
      new Rule(POW, "x ^ 1 → x", (n, s) -> n.attr() == 1 ? n.input(0) : null),
      new Rule(POW, "x ^ 0 → 1", (n, s) -> n.attr() == 0 ? s.constant(1) : null),
      new Rule(IF_GT, "c ? x : x → x", (n, s) -> n.input(2) == n.input(3) ? n.input(2) : null),
      new Rule(IF_GE, "c ? x : x → x", (n, s) -> n.input(2) == n.input(3) ? n.input(2) : null));

  private static boolean negative(Node n) {
    return n.isConst() && n.attr() < 0;
  }

  private static boolean zero(Node n) {
    return n.isConst() && n.attr() == 0;
  }
}
