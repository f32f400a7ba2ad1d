package org.nsbed.interpreter.tcl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated Tcl snippets, per command, that both Tcl 8.6 and nsbed evaluate: values NS files
 * compute with (node counts, addresses, bandwidths in bits per second, 64-bit values), edge
 * cases, and misuse that must fail the same way. Fixed seed: the same cases every run.
 */
final class DifferentialCases {

  private static final String[] NUMBERS = {"0", "1", "-1", "7", "-7", "3", "100", "1000000000", "10000000000",
      "2147483647", "2147483648", "-2147483648", "4294967296", "9223372036854775807", "-9223372036854775808",
      "1099511627776", "0x1f", "010", "0b101", "1.5", "-2.5", "0.1", "1e3", "2.0", "1e20", "253", "255"};
  private static final String[] SMALL = {"0", "1", "2", "3", "10", "31", "32", "63", "64", "-1", "0.5", "\"a\""};
  private static final String[] STRINGS = {"\"abc\"", "\"\"", "{a b}", "\"1Gb\"", "true", "no", "\" 12 \"",
      "\"08\"", "\"1e3\"", "\"10.1.1.2\""};
  private static final String[] BINARY = {"+", "-", "*", "/", "%", "**", "<<", ">>", "<", ">", "<=", ">=", "==",
      "!=", "eq", "ne", "&", "|", "^", "&&", "||"};
  private static final String[] FUNCTIONS = {"abs", "int", "wide", "entier", "round", "double", "bool", "min",
      "max", "sqrt", "isqrt", "floor", "ceil", "pow", "fmod", "hypot"};
  private static final String[] WORDS = {"web", "db", "router", "client1", "client2", "node10", "node9", "Node2",
      "a", "b", "B", "x10", "x9", "2", "10", "1"};

  private final Random random = new Random(14);
  private final Map<String, List<String>> cases = new LinkedHashMap<>();

  static Map<String, List<String>> all() {
    DifferentialCases c = new DifferentialCases();
    c.expr();
    c.incr();
    c.conditions();
    c.lists();
    c.dicts();
    c.strings();
    c.control();
    c.expansion();
    c.everyday();
    return c.cases;
  }

  private void add(String command, String script) {
    cases.computeIfAbsent(command, k -> new ArrayList<>()).add(script);
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }

  private String operand(int depth) {
    int r = random.nextInt(10);
    if (depth > 0 && r < 3) {
      return "(" + expression(depth - 1) + ")";
    }
    if (r < 7) {
      return pick(NUMBERS);
    }
    if (r < 8) {
      return pick(STRINGS);
    }
    return "$v";
  }

  private String expression(int depth) {
    int r = random.nextInt(10);
    if (r < 6) {
      String op = pick(BINARY);
      // Tcl 8.6 computes 7**10000000000 or 1<<10000000000 exactly, for minutes: small right operands there.
      String right = op.equals("**") || op.equals("<<") ? pick(SMALL) : operand(depth);
      return operand(depth) + " " + op + " " + right;
    }
    if (r < 7) {
      return pick(new String[] {"-", "!", "~", "+"}) + operand(depth);
    }
    if (r < 9) {
      String f = pick(FUNCTIONS);
      int args = switch (f) {
        case "min", "max" -> 1 + random.nextInt(3);
        case "pow", "fmod", "hypot" -> 2;
        default -> 1;
      };
      StringBuilder b = new StringBuilder(f).append('(');
      for (int i = 0; i < args; i++) {
        b.append(i > 0 ? ", " : "").append(operand(depth));
      }
      return b.append(')').toString();
    }
    return operand(depth) + " ? " + operand(depth) + " : " + operand(depth);
  }

  private void expr() {
    for (int i = 0; i < 700; i++) {
      add("expr", "set v " + pick(NUMBERS) + "; expr {" + expression(1) + "}");
    }
    String[] fixed = {"expr {2**40}", "expr {10000000000 / 8}", "expr {1000 * 1000 * 1000 * 10}",
        "expr {\"db\" in {web db}}", "expr {\"db\" ni {web db}}", "expr {2**3**2}", "expr {-2**2}",
        "expr {1 +}", "expr {(1 + 2}", "expr {1 + 2)}", "expr {foo(1)}", "expr {abc}", "expr {1 ? 2}",
        "expr {0**-1}", "expr {1/0}", "expr {1.0/0}", "expr {\"a\" + 1}", "expr {\"\" + 1}", "expr {08 + 1}",
        "expr 1 + 2", "expr {max()}", "expr {min(1,2,}", "expr {sqrt(-1)}", "expr {5.0 % 2}", "expr {1e16}",
        "expr {1e15}", "expr {0.00001}", "expr {123456789012345678.0}", "expr {0.1 + 0.2}", "expr {int(1e19)}",
        "expr {wide(2**63)}", "expr {entier(1e20)}", "expr {round(-2.5)}", "expr {1 << 70}", "expr {-1 >> 1}",
        "expr {[llength {a b c}] * 2}", "set x 5; expr {$x * [set x 3]}", "set a(1) 4; set i 1; expr {$a($i) + 1}",
        "expr {\"10.1.[expr 1+1].0\" eq \"10.1.2.0\"}", "expr {1 && \"x\"}", "expr {0 || [error boom]}",
        "expr {1 || [error boom]}", "expr {true}", "expr {!\"no\"}", "expr {bool(\"yes\")}", "expr {~1.0}",
        "expr {isqrt(2**70)}", "expr {abs(-2**63)}", "expr {9223372036854775807 + 1}", "expr {-(2**63)}",
        "expr {double(2**70)}", "expr {3 % -2}", "expr {-7 / 2}", "expr {srand(1)}", "expr {[srand 3]}",
        "expr {100 * 1000000 / 8}", "expr {2 ** 0.5}", "expr {(-8) ** (1.0/3)}", "expr {0.0/0}"};
    for (String f : fixed) {
      add("expr", f);
    }
  }

  private void incr() {
    String[] starts = {"0", "5", "-1", "2147483647", "9223372036854775807", "10000000000", "abc", "1.5", "",
        "0x10", "010", "-2147483648"};
    String[] steps = {"", "1", "-1", "100", "2147483647", "10000000000", "x", "1.5", "0x10", "-9223372036854775808"};
    for (String s : starts) {
      for (String step : steps) {
        add("incr", "set v {" + s + "}; incr v " + (step.isEmpty() ? "" : "{" + step + "}") + "; set v");
      }
    }
    add("incr", "incr unsetvar; set unsetvar");
    add("incr", "incr unsetvar 5");
    add("incr", "set a(x) 1; incr a(x) 2");
    add("incr", "incr a(y)");
    add("incr", "incr");
    add("incr", "incr a b c");
    add("incr", "set n 0; for {set i 0} {$i < 100} {incr i} {incr n $i}; set n");
  }

  private void conditions() {
    String[] tests = {"1", "0", "\"yes\"", "\"no\"", "$v > 2", "$v eq \"3\"", "$v in {1 3 5}", "\"abc\"", "",
        "$v**2 == 9", "2.5", "0.0", "{}"};
    for (String t : tests) {
      add("if", "set v 3; if {" + t + "} {set r a} else {set r b}");
      add("if", "set v 3; if {" + t + "} then {set r a} elseif {$v > 0} {set r c}");
    }
    add("if", "if");
    add("if", "if 1");
    add("if", "if 1 then");
    add("if", "if 0 {a} else");
    add("if", "if 0 {a} else {b} c");
    add("if", "if 0 {a} elseif");
    add("while", "set i 0; set s 0; while {$i < 10} {incr i; if {$i == 3} continue; if {$i == 8} break; incr s $i}; list $i $s");
    add("while", "while {\"x\"} {break}");
    add("while", "while 1");
    add("while", "set i 0; while {$i < 5} {incr i}; set i");
    add("for", "set r {}; for {set i 0} {$i < 10} {incr i 3} {lappend r $i}; set r");
    add("for", "for {set i 0} {$i < 3} {incr i}");
    add("for", "set r {}; for {set i 0} {$i < 10} {incr i} {if {$i % 2} continue; lappend r $i}; set r");
    add("for", "for {set i 2147483640} {$i < 2147483650} {incr i} {}; set i");
  }

  private String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? " " : "").append(pick(WORDS));
    }
    return b.toString();
  }


  private static final String[] DICTS = {"{web RHL-STD db FBSD-STD}", "{}", "{a 1 b 2 a 3}", "{a {x 1 y 2} b {}}",
      "{a}", "{k {v w}}", "[dict create n1 10.1.1.2 n2 10.1.1.3]"};
  private static final String[] KEYS = {"web", "db", "a", "b", "x", "n1", "k", "nokey"};

  private void dicts() {
    for (String d : DICTS) {
      for (String k : KEYS) {
        add("dict", "dict get " + d + " " + k);
        add("dict", "dict exists " + d + " " + k);
        add("dict", "set d " + d + "; dict set d " + k + " NEW; set d");
        add("dict", "set d " + d + "; dict unset d " + k + "; set d");
        add("dict", "set d " + d + "; dict lappend d " + k + " p q; set d");
        add("dict", "set d " + d + "; dict incr d " + k + "; set d");
      }
      add("dict", "dict get " + d);
      add("dict", "dict keys " + d);
      add("dict", "dict keys " + d + " {[ab]*}");
      add("dict", "dict values " + d);
      add("dict", "dict size " + d);
      add("dict", "set r {}; dict for {k v} " + d + " {lappend r $v $k}; set r");
      add("dict", "dict map {k v} " + d + " {string length $v}");
      add("dict", "dict merge " + d + " {a 9 z 8}");
      add("dict", "dict filter " + d + " key a*");
      add("dict", "dict filter " + d + " value *STD");
      add("dict", "dict filter " + d + " script {k v} {expr {$k ne \"a\"}}");
      add("dict", "dict replace " + d + " a NEW q r");
      add("dict", "dict remove " + d + " a web");
      add("dict", "dict exists " + d + " a x");
      add("dict", "dict get " + d + " a x");
    }
    add("dict", "dict create web RHL-STD db FBSD-STD");
    add("dict", "dict create a");
    add("dict", "dict create");
    add("dict", "dict");
    add("dict", "dict bogus");
    add("dict", "dict get");
    add("dict", "set d {}; dict set d a b c 1; dict set d a b d 2; set d");
    add("dict", "set d {}; dict incr d x 10000000000; dict incr d x; set d");
    add("dict", "dict incr d x y");
    add("dict", "set d {a 1}; dict set d; set d");
    add("dict", "dict for {k} {a 1} {}");
    add("dict", "set d {a 1 b 2}; dict for {k v} $d {if {$k eq \"a\"} continue; set r $v}; set r");
    add("dict", "dict filter {a 1} bogus");
    add("dict", "set roles [dict create web RHL-STD db FBSD-STD]; set r {}; "
        + "foreach k [lsort [dict keys $roles]] {lappend r $k [dict get $roles $k]}; set r");
  }

  private void strings() {
    String[] texts = {"", "abc", "RHL-STD", "node10", "a b c", "  x  ", "10.1.1.2", "Hello World", "aaa", "123",
        "1e3", "-5", "0x1f", "10000000000", "true", "no", "{a b}", "\"q", "abcabc", "\u00e9t\u00e9"};
    for (String t : texts) {
      String w = "{" + t + "}";
      if (t.equals("\"q")) {
        w = "\\\"q";
      }
      add("string", "string reverse " + w);
      add("string", "string cat " + w + " - " + w);
      add("string", "string map {a A b {} c xyz} " + w);
      add("string", "string map -nocase {A 1 - _} " + w);
      add("string", "string first a " + w + " 2");
      add("string", "string first b " + w);
      add("string", "string last a " + w + " 1");
      add("string", "string last a " + w);
      add("string", "string equal -nocase " + w + " ABC");
      add("string", "string equal -length 2 " + w + " abd");
      add("string", "string compare -nocase " + w + " abc");
      add("string", "string compare -length 3 " + w + " RHL-X");
      add("string", "string index " + w + " end-1");
      add("string", "string range " + w + " 1 end-1");
      add("string", "string match -nocase A* " + w);
      add("string", "string repeat " + w + " 3");
      for (String cls : new String[] {"integer", "wideinteger", "entier", "double", "boolean", "true", "false",
          "alpha", "alnum", "digit", "space", "upper", "lower", "xdigit", "list", "wordchar", "punct"}) {
        add("string", "string is " + cls + " " + w);
        add("string", "string is " + cls + " -strict " + w);
      }
    }
    add("string", "string is integer -failindex i abc; set i");
    add("string", "string is alpha -failindex i ab1c; set i");
    add("string", "string is bogus x");
    add("string", "string map {a} abc");
    add("string", "string repeat x -1");
    add("string", "string repeat x y");
    add("string", "string cat");
    add("string", "string reverse");
    add("string", "string equal -bogus a b");
    add("string", "string first");
    add("string", "string index abc x");
    add("string", "string cat RHL - STD");
  }

  private void control() {
    add("unset", "unset -nocomplain nosuch; set r ok");
    add("unset", "unset nosuch");
    add("unset", "set a 1; unset -nocomplain a; info exists a");
    add("unset", "set a 1; set b 2; unset -nocomplain -- a b c; list [info exists a] [info exists b]");
    add("unset", "set x(1) a; unset x(1); array names x");
    add("unset", "unset");
    add("unset", "unset -nocomplain");
    add("unset", "set -nocomplain 1; unset -nocomplain -nocomplain; info exists -nocomplain");
    add("apply", "apply {{x y} {expr {$x + $y}}} 2 3");
    add("apply", "apply {{x {y 10}} {list $x $y}} 1");
    add("apply", "apply {args {llength $args}} a b c");
    add("apply", "apply {{x y} {}} 1");
    add("apply", "apply {x} 1");
    add("apply", "apply {{} {return 5}}");
    add("apply", "apply {x {error \"bad $x\"}} 7");
    add("apply", "lmap n {1 2 3} {apply {x {expr {$x * $x}}} $n}");
    add("apply", "apply");
    add("try", "try {set x 1} on ok {r} {list ok $r}");
    add("try", "try {error boom} on error {msg} {list caught $msg}");
    add("try", "try {error boom} on error {msg opts} {dict get $opts -code}");
    add("try", "try {throw {NS BAD} oops} trap {NS} {msg} {list trapped $msg}");
    add("try", "try {throw {NS BAD} oops} trap {NS OTHER} {msg} {list trapped $msg} on error {m} {list other $m}");
    add("try", "set log {}; try {lappend log body} finally {lappend log finally}; set log");
    add("try", "set log {}; catch {try {error x} finally {lappend log finally}} m; list $log $m");
    add("try", "try {error boom} on ok {r} {set r}");
    add("try", "try {break} on break {} {set r broke}");
    add("try", "try {expr {1/0}} trap {ARITH DIVZERO} {m} {set m}");
    add("try", "try {error a} on error {} - on ok {} {set r shared}");
    add("try", "try {set x 1} bogus");
    add("try", "try {set x 1} on bogus {} {}");
    add("try", "try {error a} on error {m} {error \"again $m\"}");
    add("try", "try");
    add("try", "try {set x 5}");
    add("throw", "throw {NS FILE} {bad file}");
    add("throw", "catch {throw {A B} msg} m; list $m $::errorCode");
    add("throw", "throw {} msg");
    add("throw", "throw A");
  }

  /** Tcl 8.0 commands NS files use every day, with the 8.6 forms of their arguments. */
  private void everyday() {
    String[] scripts = {"lreplace {a b c d} end end", "lreplace {a b c d} end-1 end X", "lreplace {a b c} 1 1",
        "linsert {a b c} end x", "linsert {a b c} end-1 x", "linsert {a b c} 1 x y", "format %d 10000000000",
        "format %d 2147483648", "format %5.2f 3.14159", "format %x 255", "format %s-%d web 3", "format %03d 7",
        "format %ld 10000000000", "format %lld 10000000000", "format %i -5", "format %u 10", "format %e 12345.678",
        "format %g 0.0001", "format %c 65", "format %o 8", "format %5s|%-5s| x y", "format %.3s abcdef",
        "string toupper web", "string tolower RHL-STD", "string trim {  x  }", "string trimleft xxabc x",
        "string length RHL-STD", "split 10.1.2.3 .", "join {a b c} -", "concat {a b} {c d}",
        "regsub -all {[0-9]} n1n2 X", "regexp {([a-z]+)([0-9]+)} node12 m w d; list $m $w $d",
        "switch -glob node3 {node* {set r n} default {set r d}}", "switch -exact -- x {a {set r 1} x {set r 2}}",
        "switch b a {set r 1} b {set r 2}", "set a(x) 1; set a(y) 2; lsort [array names a]",
        "set a(x) 1; array size a", "set l {}; lappend l a {b c}; set l", "llength {a {b c} d}",
        "foreach {a b} {1 2 3 4} {lappend r $b$a}; set r", "info exists nosuch", "set x 5; info exists x",
        "string match {node*} node5", "string compare a b", "string first b abc", "string last b abcb",
        "string range abcdef 1 end", "string index abc end", "string range abcdef end-2 end",
        "string replace abcdef 1 2 XY", "string totitle hello", "string wordend {hello world} 2",
        "string bytelength abc", "lsort -integer {10 9 100}", "lsort -real {1.5 0.5 10}", "lsort -decreasing {a c b}",
        "scan 10.1.2.3 %d.%d.%d.%d a b c d; list $a $b $c $d",
        "expr {int(10 * 1.5)}", "set i 0; while {$i < 3} {incr i}; set i", "catch {error oops} m; set m",
        "proc f {a {b 2} args} {list $a $b $args}; f 1", "proc f {a {b 2} args} {list $a $b $args}; f 1 3 4 5",
        "info level", "upvar #0 g l; set l 5; set ::g", "namespace eval ns1 {variable v 3}; set ns1::v",
        "array set a {x 1 y 2}; lsort [array get a]", "string repeat ab 3", "lrange {a b c d} end-1 end",
        "lindex {a b c} end", "eval [list set x 7]; set x", "uplevel #0 {set gx 1}; set ::gx",
        "subst {a [expr 1+1] \\$b}", "set s {}; append s a b c; set s", "string equal a a",
        "string map {a b} aaa", "clock format 0 -format %Y -gmt 1", "array exists a",
        "set l {b a c}; lsort $l", "lsearch {a b c} c", "concat", "list a {b c} {}", "incr x 0; set x",
        "expr {wide(1) << 40}", "expr {entier(2.5e10)}", "string is double 1e10", "expr 5 / 2",
        "return -code error custom", "proc p {} {return -code break}; catch p", "format %s [expr {2**64}]",
        "set t [list a b]; lindex $t 0 0", "lrepeat 2 [list a b]", "format %x -1", "format %#x 255",
        "format %+d 5", "format %-6d| 42", "format %06.2f 3.14159", "format %g 100000", "format %g 1000000",
        "format %g 1e-5", "format %.3g 3.14159", "format %G 1e20", "format %#g 1.5", "format %e 0",
        "format %.0f 2.5", "format %.0f 3.5", "format %d 1.5", "format %d abc", "format %d", "format %q 1",
        "format %2\\$s-%1\\$s a b", "format %*d 5 42", "format %.2s abc", "format %5.1f%% 12.345",
        "format %d [expr {2**64}]", "format %lld [expr {2**64}]", "format %u -1", "format %o 64",
        "format 10.1.%d.%d 2 3", "regsub -all -nocase {N} n1N2 X", "regsub {x} abc y", "regsub -all a aaa b r; set r"};
    for (String script : scripts) {
      add("everyday", script);
    }
  }

  private void expansion() {
    add("{*}", "set l {a b c}; list {*}$l");
    add("{*}", "set l {a b c}; list x {*}$l y {*}{} z");
    add("{*}", "list {*}{1 2} {*}\"3 4\" {*}[list 5 6]");
    add("{*}", "set members {n1 n2}; llength [list {*}$members n3]");
    add("{*}", "proc f {args} {llength $args}; f {*}{a b c} d");
    add("{*}", "set cmd {string length}; {*}$cmd hello");
    add("{*}", "set l {a {b c}}; list {*}$l");
    add("{*}", "list {*}\"a {b\"");
    add("{*}", "set l {}; {*}$l");
    add("{*}", "list {*}");
    add("{*}", "list {*} a");
    add("{*}", "set x {{*}a}; set x");
    add("{*}", "foreach i {1 2} {lappend r {*}[list $i $i]}; set r");
    add("{*}", "set a(1) {x y}; list {*}$a(1)");
    add("{*}", "expr {[llength [list {*}{a b c}]] * 2}");
  }

  private void lists() {
    String[][] sortOptions = {{}, {"-unique"}, {"-decreasing"}, {"-dictionary"}, {"-integer"}, {"-nocase"},
        {"-unique", "-dictionary"}, {"-indices"}, {"-real"}, {"-ascii", "-decreasing", "-unique"}, {"-bogus"}};
    for (int i = 0; i < 120; i++) {
      String[] opts = sortOptions[random.nextInt(sortOptions.length)];
      add("lsort", "lsort " + String.join(" ", opts) + " {" + words(random.nextInt(7)) + "}");
    }
    for (int i = 0; i < 30; i++) {
      String pairs = "{" + pick(WORDS) + " " + random.nextInt(5) + "} {" + pick(WORDS) + " " + random.nextInt(5)
          + "} {" + pick(WORDS) + " " + random.nextInt(5) + "}";
      add("lsort", "lsort -index 1 -integer {" + pairs + "}");
      add("lsort", "lsort -index 0 -unique {" + pairs + "}");
      add("lsort", "lsort -stride 2 -index 1 -integer {" + pick(WORDS) + " " + random.nextInt(9) + " " + pick(WORDS)
          + " " + random.nextInt(9) + " " + pick(WORDS) + " " + random.nextInt(9) + "}");
      add("lsort", "lsort -stride 2 {" + words(2 * random.nextInt(4)) + "}");
    }
    add("lsort", "lsort -stride 2 {a b c}");
    add("lsort", "lsort -stride 1 {a b}");
    add("lsort", "lsort -integer {1 a}");
    add("lsort", "lsort -index 2 {{a b} {c d}}");
    add("lsort", "lsort -command {string compare} {c a b}");
    add("lsort", "lsort");
    String[][] searchOptions = {{}, {"-exact"}, {"-glob"}, {"-all"}, {"-inline"}, {"-all", "-inline"},
        {"-not", "-all"}, {"-nocase"}, {"-start", "2"}, {"-exact", "-all", "-inline"}, {"-regexp"},
        {"-all", "-not", "-inline"}, {"-integer", "-exact"}, {"-bogus"}};
    String[] patterns = {"a", "b*", "node*", "*1*", "x10", "^n.*[0-9]$", "2", "[ab]", "B", "nomatch"};
    for (int i = 0; i < 150; i++) {
      String[] opts = searchOptions[random.nextInt(searchOptions.length)];
      add("lsearch", "lsearch " + String.join(" ", opts) + " {" + words(random.nextInt(8)) + "} {" + pick(patterns)
          + "}");
    }
    for (int i = 0; i < 20; i++) {
      add("lsearch", "lsearch -index 0 -all {{" + pick(WORDS) + " 1} {" + pick(WORDS) + " 2} {" + pick(WORDS)
          + " 3}} " + pick(WORDS));
      add("lsearch", "lsearch -index 1 -inline {{a " + pick(WORDS) + "} {b " + pick(WORDS) + "}} " + pick(WORDS));
    }
    String[] indexes = {"0", "1", "2", "end", "end-1", "end+1", "-1", "5", "1+1", "x", "end-x", "{1 0}", "{}"};
    for (String idx : indexes) {
      add("lset", "set l {a {b c} d}; lset l " + idx + " X; set l");
      add("lset", "set l {a {b c} d}; lset l " + idx + " 1 X; set l");
      add("lindex", "lindex {a {b c} d} " + idx);
      add("lindex", "lindex {a {b c} d} " + idx + " 0");
      add("lrange", "lrange {a b c d e} " + idx + " end");
      add("lrange", "lrange {a b c d e} 1 " + idx);
    }
    add("lset", "lset nosuch 0 x");
    add("lset", "set l {}; lset l 0 a; set l");
    add("lset", "set l {a b}; lset l x; set l");
    add("lset", "lset");
    for (int n = 0; n < 5; n++) {
      StringBuilder vars = new StringBuilder();
      for (int k = 0; k < n; k++) {
        vars.append(" v").append(k);
      }
      add("lassign", "set r [lassign {1 2 3}" + vars + "]; list $r [info exists v0] " + (n > 0 ? "$v0" : "{}")
          + (n > 3 ? " $v3" : ""));
    }
    add("lassign", "lassign");
    add("lassign", "lassign {a {b c}} x y; set y");
    add("lassign", "lassign {\"unbalanced} x");
    String[] counts = {"0", "1", "3", "-1", "x", "2.5", "0x2"};
    for (String c : counts) {
      add("lrepeat", "lrepeat " + c + " a b");
      add("lrepeat", "lrepeat " + c);
    }
    add("lrepeat", "lrepeat");
    add("lrepeat", "llength [lrepeat 1000 x y]");
    for (int i = 0; i < 10; i++) {
      add("lreverse", "lreverse {" + words(random.nextInt(6)) + "}");
    }
    add("lreverse", "lreverse");
    add("lreverse", "lreverse {a b} c");
    add("lreverse", "lreverse {{a b} c}");
    add("lmap", "lmap x {1 2 3} {expr {$x * 2}}");
    add("lmap", "lmap {a b} {1 2 3 4 5} {list $b $a}");
    add("lmap", "lmap x {1 2 3} y {a b} {list $x $y}");
    add("lmap", "lmap x {1 2 3 4} {if {$x == 2} continue; if {$x == 4} break; set x}");
    add("lmap", "lmap x {1 2} {error bad}");
    add("lmap", "lmap x {}");
    add("lmap", "lmap {} {1 2} {set x}");
    add("lmap", "set node(web) n1; set node(db) n2; lmap r {web db} {set node($r)}");
  }
}
