package org.nsbed.interpreter.tcl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import tcl.lang.Interp;
import tcl.lang.TclException;

/** The math functions of Tcl 8.6's mathfunc(n) page that take one or two numbers. */
final class Functions {

  private Functions() {}

  /** Functions computed on doubles. */
  static final Map<String, DoubleUnaryOperator> DOUBLE = Map.ofEntries(
      Map.entry("sqrt", Math::sqrt), Map.entry("exp", Math::exp), Map.entry("log", Math::log),
      Map.entry("log10", Math::log10), Map.entry("sin", Math::sin), Map.entry("cos", Math::cos),
      Map.entry("tan", Math::tan), Map.entry("asin", Math::asin), Map.entry("acos", Math::acos),
      Map.entry("atan", Math::atan), Map.entry("sinh", Math::sinh), Map.entry("cosh", Math::cosh),
      Map.entry("tanh", Math::tanh), Map.entry("ceil", Math::ceil), Map.entry("floor", Math::floor),
      Map.entry("double", d -> d));

  static final Map<String, Boolean> UNARY = Map.ofEntries(
      Map.entry("sqrt", true), Map.entry("exp", true), Map.entry("log", true), Map.entry("log10", true),
      Map.entry("sin", true), Map.entry("cos", true), Map.entry("tan", true), Map.entry("asin", true),
      Map.entry("acos", true), Map.entry("atan", true), Map.entry("sinh", true), Map.entry("cosh", true),
      Map.entry("tanh", true), Map.entry("ceil", true), Map.entry("floor", true), Map.entry("double", true),
      Map.entry("abs", false), Map.entry("int", false), Map.entry("wide", false), Map.entry("entier", false),
      Map.entry("round", false), Map.entry("bool", false), Map.entry("isqrt", false));

  static final Set<String> BINARY = Set.of("pow", "fmod", "hypot", "atan2");


  static Object unary(Interp interp, String name, Number x) throws TclException {
    DoubleUnaryOperator f = DOUBLE.get(name);
    if ((name.equals("floor") || name.equals("ceil")) && !(x instanceof Double)) {
      // the largest double not above (smallest not below) the exact integer
      double d = new BigDecimal(TclValues.big(x)).doubleValue();
      int c = new BigDecimal(d).compareTo(new BigDecimal(TclValues.big(x)));
      return name.equals("floor") ? (c > 0 ? Math.nextDown(d) : d) : (c < 0 ? Math.nextUp(d) : d);
    }
    if (f != null) {
      if (name.equals("sqrt") && !(x instanceof Double) && TclValues.big(x).signum() >= 0
          && TclValues.big(x).bitLength() > 52) {
        return new BigDecimal(TclValues.big(x)).sqrt(java.math.MathContext.DECIMAL64).doubleValue();
      }
      double r = f.applyAsDouble(x.doubleValue());
      // Tcl reports the C library's domain errors, but lets sqrt of a negative number be NaN
      return name.equals("sqrt") ? r : domain(interp, r);
    }
    switch (name) {
      case "abs":
        if (x instanceof Double d) {
          return Math.abs(d);
        }
        return TclValues.normalize(TclValues.big(x).abs());
      case "int":
      case "wide":
        return TclValues.big(entier(interp, x)).longValue();
      case "entier":
        return entier(interp, x);
      case "round":
        if (x instanceof Double d) {
          finite(interp, d);
          return TclValues.normalize(Expression.round(d));
        }
        return x;
      case "isqrt": {
        BigInteger b = x instanceof Double d ? entierValue(interp, d) : TclValues.big(x);
        if (b.signum() < 0) {
          throw Expression.arith(interp, "DOMAIN", "square root of negative argument");
        }
        return TclValues.normalize(b.sqrt());
      }
      default:
        throw new IllegalStateException(name);
    }
  }

  private static Number entier(Interp interp, Number x) throws TclException {
    if (x instanceof Double d) {
      return TclValues.normalize(entierValue(interp, d));
    }
    return x;
  }

  private static BigInteger entierValue(Interp interp, double d) throws TclException {
    finite(interp, d);
    return new BigDecimal(d).toBigInteger();
  }

  private static void finite(Interp interp, double d) throws TclException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw Expression.arith(interp, "DOMAIN", "integer value too large to represent");
    }
  }

  static Object binary(Interp interp, String name, Number x, Number y) throws TclException {
    double p = x.doubleValue();
    double q = y.doubleValue();
    return domain(interp, switch (name) {
      case "pow" -> Math.pow(p, q);
      case "fmod" -> p % q;
      case "hypot" -> Math.hypot(p, q);
      default -> Math.atan2(p, q);
    });
  }

  private static double domain(Interp interp, double r) throws TclException {
    if (Double.isNaN(r)) {
      throw Expression.arith(interp, "DOMAIN", "domain error: argument not in valid range");
    }
    return r;
  }
}
