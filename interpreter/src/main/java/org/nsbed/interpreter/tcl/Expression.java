package org.nsbed.interpreter.tcl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * Tcl 8.6 expressions ({@code expr}, and the conditions of {@code if}, {@code while} and
 * {@code for}): the operators of the expr(n) manual page including {@code **}, {@code eq},
 * {@code ne}, {@code in} and {@code ni}, its math functions ({@code min}, {@code max},
 * {@code wide}, {@code entier}, {@code bool}, ...; others through {@code tcl::mathfunc::NAME}
 * procs), and integers of any size, as Tcl 8.6 computes them.
 *
 * <p>An expression is read once into a tree of operations and kept (a loop's condition is read
 * once, not at every turn); substitutions inside it are made when it is evaluated, and only for
 * the operands an {@code &&}, {@code ||} or {@code ?:} needs.
 */
public final class Expression {

  /** A bigger integer than this many bits is refused: a {@code 2**(2**40)} bomb is stopped. */
  static final int MAX_BITS = 1 << 20;

  private static final int CACHE_SIZE = 4096;

  private final Map<String, Node> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Node> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private long randomSeed = System.nanoTime() & 0x7fffffffL;

  /** An operand, operator or function application. */
  interface Node {
    Object eval(Interp interp, Expression ex) throws TclException;
  }

  /** Evaluates an expression to its Tcl string form. */
  public TclObject evaluate(Interp interp, String text) throws TclException {
    Object v = value(interp, text);
    if (v instanceof String s) {
      Number n = TclValues.numberOrNull(s);
      return TclString.newInstance(n == null ? s : TclValues.format(n));
    }
    return TclString.newInstance(TclValues.format(v));
  }

  /** Evaluates an expression as a condition. */
  public boolean test(Interp interp, String text) throws TclException {
    Object v = value(interp, text);
    Boolean b = truth(v);
    if (b == null) {
      throw new TclException(interp, "expected boolean value but got \"" + string(v) + "\"");
    }
    return b;
  }

  private Object value(Interp interp, String text) throws TclException {
    Node node = cache.get(text);
    if (node == null) {
      node = new Reader(interp, text).read();
      cache.put(text, node);
    }
    Object v = node.eval(interp, this);
    if (v instanceof Double d && Double.isNaN(d)) {
      throw arith(interp, "DOMAIN", "domain error: argument not in valid range");
    }
    return v;
  }

  // ---------------------------------------------------------------- values

  static String string(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof TclObject o) {
      return o.toString();
    }
    return TclValues.format(v);
  }

  static Boolean truth(Object v) {
    if (v instanceof Double d) {
      return Double.isNaN(d) ? null : d != 0;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof BigInteger b) {
      return b.signum() != 0;
    }
    return TclValues.booleanOrNull(string(v));
  }

  /** The number an operand holds, or a Tcl error naming the operator. */
  static Number number(Interp interp, Object v, String op) throws TclException {
    if (v instanceof Number n) {
      return n;
    }
    String s = string(v);
    Object n = TclValues.parseNumber(s);
    if (n instanceof Number num) {
      if (num instanceof Double d && Double.isNaN(d)) {
        throw arith(interp, "DOMAIN", "can't use non-numeric floating-point value as operand of \"" + op + "\"");
      }
      return num;
    }
    TclValues.NotNumber why = (TclValues.NotNumber) n;
    if (why == TclValues.NotNumber.STRING && TclValues.booleanOrNull(s) != null && !op.equals("!")) {
      throw arith(interp, "DOMAIN", "can't use non-numeric string as operand of \"" + op + "\"");
    }
    throw arith(interp, "DOMAIN", "can't use " + why.description + " as operand of \"" + op + "\"");
  }

  static Number integerOperand(Interp interp, Object v, String op) throws TclException {
    Number n = number(interp, v, op);
    if (n instanceof Double) {
      throw arith(interp, "DOMAIN", "can't use floating-point value as operand of \"" + op + "\"");
    }
    return n;
  }

  static TclException arith(Interp interp, String kind, String message) {
    TclException e = new TclException(interp, message);
    interp.setErrorCode(list("ARITH", kind, message));
    return e;
  }

  private static TclObject list(String... words) {
    TclObject l = TclList.newInstance();
    for (String w : words) {
      try {
        TclList.append(null, l, TclString.newInstance(w));
      } catch (TclException e) {
        throw new IllegalStateException(e);
      }
    }
    return l;
  }

  static Number checked(Interp interp, BigInteger b) throws TclException {
    if (b.bitLength() > MAX_BITS) {
      throw new TclException(interp, "integer value too large to represent (more than " + MAX_BITS + " bits)");
    }
    return TclValues.normalize(b);
  }

  // ---------------------------------------------------------------- operators

  static Object binary(Interp interp, String op, Object a, Object b) throws TclException {
    switch (op) {
      case "eq":
        return string(a).equals(string(b)) ? 1L : 0L;
      case "ne":
        return string(a).equals(string(b)) ? 0L : 1L;
      case "in":
      case "ni": {
        String needle = string(a);
        boolean found = false;
        for (TclObject e : TclList.getElements(interp, TclString.newInstance(string(b)))) {
          if (e.toString().equals(needle)) {
            found = true;
            break;
          }
        }
        return found == op.equals("in") ? 1L : 0L;
      }
      case "==": case "!=": case "<": case ">": case "<=": case ">=":
        return compare(op, a, b) ? 1L : 0L;
      default:
        break;
    }
    boolean integerOnly = op.equals("%") || op.equals("<<") || op.equals(">>") || op.equals("&") || op.equals("|")
        || op.equals("^");
    Number x = integerOnly ? integerOperand(interp, a, op) : number(interp, a, op);
    Number y = integerOnly ? integerOperand(interp, b, op) : number(interp, b, op);
    switch (op) {
      case "+": case "-": case "*": case "/":
        if (x instanceof Double || y instanceof Double) {
          double p = x.doubleValue();
          double q = y.doubleValue();
          return switch (op) {
            case "+" -> p + q;
            case "-" -> p - q;
            case "*" -> p * q;
            default -> p / q;
          };
        }
        return integerArithmetic(interp, op, x, y);
      case "%": {
        Number i = integerOperand(interp, x, op);
        Number j = integerOperand(interp, y, op);
        if (TclValues.big(j).signum() == 0) {
          throw arith(interp, "DIVZERO", "divide by zero");
        }
        if (i instanceof Long l && j instanceof Long m) {
          return Math.floorMod(l, m);
        }
        BigInteger r = TclValues.big(i).mod(TclValues.big(j).abs());
        if (TclValues.big(j).signum() < 0 && r.signum() != 0) {
          r = r.add(TclValues.big(j));
        }
        return TclValues.normalize(r);
      }
      case "**":
        return power(interp, x, y);
      case "<<": case ">>": {
        BigInteger i = TclValues.big(integerOperand(interp, x, op));
        BigInteger j = TclValues.big(integerOperand(interp, y, op));
        if (j.signum() < 0) {
          throw arith(interp, "DOMAIN", "negative shift argument");
        }
        if (op.equals(">>")) {
          return j.bitLength() > 31 ? (i.signum() < 0 ? -1L : 0L) : TclValues.normalize(i.shiftRight(j.intValue()));
        }
        if (i.signum() == 0) {
          return 0L;
        }
        if (j.bitLength() > 31 || j.intValue() + i.bitLength() > MAX_BITS) {
          throw new TclException(interp, "integer value too large to represent (more than " + MAX_BITS + " bits)");
        }
        return TclValues.normalize(i.shiftLeft(j.intValue()));
      }
      case "&": case "|": case "^": {
        BigInteger i = TclValues.big(integerOperand(interp, x, op));
        BigInteger j = TclValues.big(integerOperand(interp, y, op));
        return TclValues.normalize(op.equals("&") ? i.and(j) : op.equals("|") ? i.or(j) : i.xor(j));
      }
      default:
        throw new IllegalStateException(op);
    }
  }

  private static Number integerArithmetic(Interp interp, String op, Number x, Number y) throws TclException {
    if (x instanceof Long l && y instanceof Long m) {
      try {
        switch (op) {
          case "+": return Math.addExact(l, m);
          case "-": return Math.subtractExact(l, m);
          case "*": return Math.multiplyExact(l, m);
          default:
            if (m == 0) {
              throw arith(interp, "DIVZERO", "divide by zero");
            }
            if (l != Long.MIN_VALUE || m != -1) {
              return Math.floorDiv(l, m);
            }
        }
      } catch (ArithmeticException overflow) {
        // exact below
      }
    }
    BigInteger p = TclValues.big(x);
    BigInteger q = TclValues.big(y);
    switch (op) {
      case "+": return checked(interp, p.add(q));
      case "-": return checked(interp, p.subtract(q));
      case "*": return checked(interp, p.multiply(q));
      default: {
        if (q.signum() == 0) {
          throw arith(interp, "DIVZERO", "divide by zero");
        }
        BigInteger[] qr = p.divideAndRemainder(q);
        BigInteger r = qr[0];
        if (qr[1].signum() != 0 && (qr[1].signum() != q.signum())) {
          r = r.subtract(BigInteger.ONE);
        }
        return TclValues.normalize(r);
      }
    }
  }

  private static Object power(Interp interp, Number x, Number y) throws TclException {
    if (x instanceof Double || y instanceof Double) {
      return Math.pow(x.doubleValue(), y.doubleValue());
    }
    BigInteger base = TclValues.big(x);
    BigInteger exp = TclValues.big(y);
    if (exp.signum() < 0) {
      if (base.signum() == 0) {
        throw arith(interp, "DOMAIN", "exponentiation of zero by negative power");
      }
      if (base.equals(BigInteger.ONE)) {
        return 1L;
      }
      if (base.equals(BigInteger.ONE.negate())) {
        return exp.testBit(0) ? -1L : 1L;
      }
      return 0L;
    }
    if (base.signum() == 0 || base.abs().equals(BigInteger.ONE)) {
      return TclValues.normalize(exp.signum() == 0 ? BigInteger.ONE : base.pow(exp.testBit(0) ? 1 : 2));
    }
    if (exp.bitLength() > 31 || (long) base.bitLength() * exp.longValue() > MAX_BITS + 64) {
      throw new TclException(interp, "integer value too large to represent (more than " + MAX_BITS + " bits)");
    }
    return checked(interp, base.pow(exp.intValue()));
  }

  private static boolean compare(String op, Object a, Object b) {
    int c;
    Number x = a instanceof Number n ? n : TclValues.numberOrNull(string(a));
    Number y = b instanceof Number n ? n : TclValues.numberOrNull(string(b));
    if (x != null && y != null) {
      if (x instanceof Double d && Double.isNaN(d) || y instanceof Double e && Double.isNaN(e)) {
        return op.equals("!=");
      }
      c = compareNumbers(x, y);
    } else {
      c = string(a).compareTo(string(b));
    }
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case ">" -> c > 0;
      case "<=" -> c <= 0;
      default -> c >= 0;
    };
  }

  static int compareNumbers(Number x, Number y) {
    if (x instanceof Long l && y instanceof Long m) {
      return Long.compare(l, m);
    }
    if (x instanceof Double || y instanceof Double) {
      double p = x.doubleValue();
      double q = y.doubleValue();
      if (Double.isInfinite(p) || Double.isInfinite(q)) {
        return Double.compare(p, q);
      }
      return decimal(x).compareTo(decimal(y));
    }
    return TclValues.big(x).compareTo(TclValues.big(y));
  }

  private static BigDecimal decimal(Number n) {
    return n instanceof Double d ? new BigDecimal(d) : new BigDecimal(TclValues.big(n));
  }

  static Object unary(Interp interp, String op, Object a) throws TclException {
    if (op.equals("!")) {
      Boolean t = truth(a);
      if (t == null) {
        number(interp, a, op);
        throw arith(interp, "DOMAIN", "can't use non-numeric string as operand of \"!\"");
      }
      return t ? 0L : 1L;
    }
    Number n = number(interp, a, op);
    switch (op) {
      case "-":
        if (n instanceof Double d) {
          return -d;
        }
        return n instanceof Long l && l != Long.MIN_VALUE ? (Object) (-l) : TclValues.normalize(TclValues.big(n).negate());
      case "+":
        return n;
      default:
        return TclValues.normalize(TclValues.big(integerOperand(interp, n, op)).not());
    }
  }

  // ---------------------------------------------------------------- functions

  Object function(Interp interp, String name, List<Object> args) throws TclException {
    switch (name) {
      case "min": case "max": {
        if (args.isEmpty()) {
          throw new TclException(interp, "not enough arguments to math function \"" + name + "\"");
        }
        Number best = null;
        for (Object a : args) {
          Number n = a instanceof Number num ? num : TclValues.numberOrNull(string(a));
          if (n == null || n instanceof Double d && Double.isNaN(d)) {
            throw new TclException(interp, "expected floating-point number but got \"" + string(a) + "\""
                + TclValues.octalHint(string(a)));
          }
          if (best == null || (name.equals("min") ? compareNumbers(n, best) < 0 : compareNumbers(n, best) > 0)) {
            best = n;
          }
        }
        return best;
      }
      case "rand":
        arity(interp, name, args, 0);
        return nextRandom();
      case "srand": {
        arity(interp, name, args, 1);
        Number n = numberArg(interp, args.get(0), "integer");
        if (n instanceof Double) {
          throw new TclException(interp, "expected integer but got \"" + string(args.get(0)) + "\"");
        }
        randomSeed = TclValues.big(n).longValue() & 0x7fffffffL;
        return nextRandom();
      }
      default:
        break;
    }
    if (Functions.UNARY.containsKey(name) || Functions.BINARY.contains(name)) {
      boolean binary = Functions.BINARY.contains(name);
      arity(interp, name, args, binary ? 2 : 1);
      String expected = binary || Functions.DOUBLE.containsKey(name) ? "floating-point number" : "number";
      if (name.equals("bool")) {
        Boolean b = truth(args.get(0));
        if (b == null) {
          throw new TclException(interp, "expected boolean value but got \"" + string(args.get(0)) + "\""
              + TclValues.octalHint(string(args.get(0))));
        }
        return b ? 1L : 0L;
      }
      Number x = numberArg(interp, args.get(0), expected);
      if (binary) {
        return Functions.binary(interp, name, x, numberArg(interp, args.get(1), expected));
      }
      return Functions.unary(interp, name, x);
    }
    String command = "tcl::mathfunc::" + name;
    if (interp.getCommand(command) == null && interp.getCommand("::" + command) == null) {
      TclException e = new TclException(interp, "invalid command name \"" + command + "\"");
      interp.setErrorCode(list("TCL", "LOOKUP", "COMMAND", command));
      throw e;
    }
    TclObject call = TclList.newInstance();
    TclList.append(interp, call, TclString.newInstance("::" + command));
    for (Object a : args) {
      TclList.append(interp, call, TclString.newInstance(string(a)));
    }
    interp.eval(call, 0);
    return interp.getResult().toString();
  }

  private static Number numberArg(Interp interp, Object a, String expected) throws TclException {
    if (a instanceof Number n) {
      return n;
    }
    Number n = TclValues.numberOrNull(string(a));
    if (n == null) {
      throw new TclException(interp, "expected " + expected + " but got \"" + string(a) + "\""
          + TclValues.octalHint(string(a)));
    }
    return n;
  }

  private static void arity(Interp interp, String name, List<Object> args, int n) throws TclException {
    if (args.size() < n) {
      throw new TclException(interp, "too few arguments for math function \"" + name + "\"");
    }
    if (args.size() > n) {
      throw new TclException(interp, "too many arguments for math function \"" + name + "\"");
    }
  }

  /** Tcl's generator: Park and Miller's minimal standard, seed in 1..2^31-2. */
  private double nextRandom() {
    if (randomSeed == 0 || randomSeed == 0x7fffffffL) {
      randomSeed ^= 123459876L;
    }
    randomSeed = (randomSeed * 16807L) % 0x7fffffffL;
    return randomSeed / (double) 0x7fffffffL;
  }

  // ---------------------------------------------------------------- reading

  record Constant(Object value) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) {
      return value;
    }
  }

  record VariableNode(Substitution.Variable variable) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      return variable.read(interp).toString();
    }
  }

  record SubstitutedNode(Substitution text) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      return text.value(interp);
    }
  }

  record CommandNode(String script) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      interp.eval(script, 0);
      return interp.getResult().toString();
    }
  }

  record Unary(String op, Node operand) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      return unary(interp, op, operand.eval(interp, ex));
    }
  }

  record Binary(String op, Node left, Node right) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      if (op.equals("&&") || op.equals("||")) {
        boolean l = condition(interp, left.eval(interp, ex));
        if (l == op.equals("||")) {
          return l ? 1L : 0L;
        }
        return condition(interp, right.eval(interp, ex)) ? 1L : 0L;
      }
      return binary(interp, op, left.eval(interp, ex), right.eval(interp, ex));
    }
  }

  record Conditional(Node test, Node then, Node otherwise) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      return condition(interp, test.eval(interp, ex)) ? then.eval(interp, ex) : otherwise.eval(interp, ex);
    }
  }

  record Call(String name, List<Node> args) implements Node {
    @Override
    public Object eval(Interp interp, Expression ex) throws TclException {
      List<Object> values = new ArrayList<>(args.size());
      for (Node a : args) {
        values.add(a.eval(interp, ex));
      }
      return ex.function(interp, name, values);
    }
  }

  static boolean condition(Interp interp, Object v) throws TclException {
    Boolean b = truth(v);
    if (b == null) {
      TclException e = new TclException(interp, "expected boolean value but got \"" + string(v) + "\"");
      interp.setErrorCode(list("TCL", "VALUE", "NUMBER"));
      throw e;
    }
    return b;
  }

  private static final String[][] LEVELS = {
      {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"in", "ni"}, {"eq", "ne"}, {"==", "!="}, {"<=", ">=", "<", ">"},
      {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}, {"**"}};

  /** Reads one expression's text into a tree. */
  private static final class Reader {
    private final Interp interp;
    private final String s;
    private int i;

    Reader(Interp interp, String s) {
      this.interp = interp;
      this.s = s;
    }

    Node read() throws TclException {
      skipSpace();
      if (i >= s.length()) {
        throw syntax("empty expression", "EMPTY");
      }
      Node n = conditional();
      skipSpace();
      if (i < s.length()) {
        if (s.charAt(i) == ')') {
          throw new TclException(interp, "unbalanced close paren\nin expression \"" + s + "\"");
        }
        throw syntax("missing operator at _@_", "MISSING");
      }
      return n;
    }

    private TclException syntax(String what, String code) {
      String message = what.contains("_@_")
          ? what + "\nin expression \"" + s.substring(0, i) + "_@_" + s.substring(i) + "\""
          : what + "\nin expression \"" + s + "\"";
      TclException e = new TclException(interp, message);
      interp.setErrorCode(list("TCL", "PARSE", "EXPR", code));
      return e;
    }

    private Node conditional() throws TclException {
      Node test = binary(0);
      skipSpace();
      if (i < s.length() && s.charAt(i) == '?') {
        i++;
        Node then = conditional();
        skipSpace();
        if (i >= s.length() || s.charAt(i) != ':') {
          throw syntax("missing operator \":\" at _@_", "MISSING");
        }
        i++;
        return new Conditional(test, then, conditional());
      }
      return test;
    }

    private Node binary(int level) throws TclException {
      if (level == LEVELS.length) {
        return unaryOperand();
      }
      Node left = binary(level + 1);
      while (true) {
        skipSpace();
        String op = operator(LEVELS[level]);
        if (op == null) {
          return left;
        }
        i += op.length();
        // ** groups right to left
        Node right = op.equals("**") ? binary(level) : binary(level + 1);
        left = new Binary(op, left, right);
      }
    }

    private String operator(String[] candidates) {
      for (String op : candidates) {
        if (s.startsWith(op, i)) {
          // "*" is not the start of "**", "<" not of "<<", "&" not of "&&", "|" not of "||"
          int after = i + op.length();
          if (op.length() == 1 && after < s.length()) {
            char next = s.charAt(after);
            char c = op.charAt(0);
            if ((c == '*' || c == '<' || c == '>' || c == '&' || c == '|') && next == c) {
              continue;
            }
            if ((c == '<' || c == '>') && next == '=') {
              continue;
            }
          }
          if (Character.isLetter(op.charAt(0)) && after < s.length() && Character.isLetterOrDigit(s.charAt(after))) {
            continue;
          }
          return op;
        }
      }
      return null;
    }

    private Node unaryOperand() throws TclException {
      skipSpace();
      if (i < s.length()) {
        char c = s.charAt(i);
        if (c == '-' || c == '+' || c == '~' || c == '!') {
          i++;
          return new Unary(String.valueOf(c), unaryOperand());
        }
      }
      return primary();
    }

    private Node primary() throws TclException {
      skipSpace();
      if (i >= s.length()) {
        throw syntax("missing operand at _@_", "MISSING");
      }
      char c = s.charAt(i);
      try {
        switch (c) {
          case '(' -> {
            i++;
            Node inner = conditional();
            skipSpace();
            if (i >= s.length() || s.charAt(i) != ')') {
              if (i >= s.length()) {
                throw new TclException(interp, "unbalanced open paren\nin expression \"" + s + "\"");
              }
              throw syntax("missing close paren at _@_", "MISSING");
            }
            i++;
            return inner;
          }
          case '$' -> {
            Substitution.Variable v = Substitution.variable(s, i);
            if (v == null) {
              throw syntax("invalid character \"$\"", "BAREWORD");
            }
            i = v.end();
            return new VariableNode(v);
          }
          case '[' -> {
            int close = Substitution.closeBracket(s, i + 1);
            if (close < 0) {
              throw syntax("missing close-bracket", "MISSING");
            }
            String script = s.substring(i + 1, close);
            i = close + 1;
            return new CommandNode(script);
          }
          case '"' -> {
            Substitution text = Substitution.read(s, i + 1, '"');
            if (text.end < 0) {
              throw syntax("missing \"", "MISSING");
            }
            i = text.end + 1;
            if (text.parts().size() == 1 && text.parts().get(0) instanceof Substitution.Literal l) {
              return new Constant(l.text());
            }
            return new SubstitutedNode(text);
          }
          case '{' -> {
            int close = Substitution.closeBrace(s, i);
            if (close < 0) {
              throw syntax("missing close-brace", "MISSING");
            }
            String text = s.substring(i + 1, close);
            i = close + 1;
            return new Constant(text);
          }
          default -> {
            return word();
          }
        }
      } catch (Substitution.Unterminated e) {
        throw syntax(e.getMessage(), "MISSING");
      }
    }

    private Node word() throws TclException {
      int start = i;
      char c = s.charAt(i);
      if (Character.isDigit(c) || c == '.') {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_'
            || ((s.charAt(i) == '+' || s.charAt(i) == '-') && exponentSign(start)))) {
          i++;
        }
        String token = s.substring(start, i);
        Object n = TclValues.parseNumber(token);
        if (n instanceof Number) {
          return new Constant(n);
        }
        throw bareword(token, n == TclValues.NotNumber.OCTAL || token.matches("0[oO].*|0[0-9]+") ? " (invalid octal number?)"
            : token.matches("0[bB].*") ? " (invalid binary number?)" : "");
      }
      if (!Character.isLetter(c) && c != '_') {
        i++;
        throw syntax("invalid character \"" + c + "\"", "BADCHAR");
      }
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
        i++;
      }
      String name = s.substring(start, i);
      int afterName = i;
      skipSpace();
      if (i < s.length() && s.charAt(i) == '(') {
        i++;
        List<Node> args = new ArrayList<>();
        skipSpace();
        if (i < s.length() && s.charAt(i) == ')') {
          i++;
          return new Call(name, args);
        }
        while (true) {
          skipSpace();
          if (i >= s.length() || s.charAt(i) == ')' || s.charAt(i) == ',') {
            throw syntax("missing function argument at _@_", "MISSING");
          }
          args.add(conditional());
          skipSpace();
          if (i < s.length() && s.charAt(i) == ',') {
            i++;
            continue;
          }
          if (i < s.length() && s.charAt(i) == ')') {
            i++;
            return new Call(name, args);
          }
          if (i >= s.length()) {
            throw syntax("missing close paren at _@_", "MISSING");
          }
          throw syntax("missing close paren at _@_", "MISSING");
        }
      }
      i = afterName;
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.equals("inf") || lower.equals("infinity")) {
        return new Constant(Double.POSITIVE_INFINITY);
      }
      if (lower.equals("nan")) {
        return new Constant(Double.NaN);
      }
      if (TclValues.booleanOrNull(name) != null && TclValues.numberOrNull(name) == null) {
        return new Constant(name);
      }
      throw bareword(name, "");
    }

    private boolean exponentSign(int start) {
      char prev = s.charAt(i - 1);
      String sofar = s.substring(start, i);
      return (prev == 'e' || prev == 'E') && !sofar.startsWith("0x") && !sofar.startsWith("0X");
    }

    private TclException bareword(String word, String hint) {
      TclException e = new TclException(interp, "invalid bareword \"" + word + "\"\nin expression \"" + s
          + "\";\nshould be \"$" + word + "\" or \"{" + word + "}\" or \"" + word + "(...)\" or ..." + hint);
      interp.setErrorCode(list("TCL", "PARSE", "EXPR", "BAREWORD"));
      return e;
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }

  static BigInteger round(double d) {
    return new BigDecimal(d).setScale(0, RoundingMode.HALF_UP).toBigInteger();
  }
}
