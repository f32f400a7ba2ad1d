package org.nsbed.grammar;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Time to read a generated 5000-node NS file (about 20 000 lines): the first parse in a fresh
 * JVM (what {@code nsbed parse --mode syntax} pays), then the median of warm parses, and the
 * cost of {@link TclScript#allCommands()}. The first parse is also given in CPU time of the
 * parsing thread, which other load on the machine does not inflate (JIT compilation and garbage
 * collection run on other threads and are not in it). Not a test: timings belong here, not in
 * assertions.
 *
 * <pre>
 * mvn -q -pl grammar test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp grammar/target/classes:grammar/target/test-classes:$(cat grammar/target/cp.txt) \
 *      org.nsbed.grammar.SyntaxCheckBenchmark [NODES]
 * </pre>
 */
public final class SyntaxCheckBenchmark {

    private SyntaxCheckBenchmark() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        GeneratedNsFile file = GeneratedNsFile.withNodes(nodes);
        long lines = file.text().chars().filter(c -> c == '\n').count();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        TclScript first = TclScript.parse("generated.ns", file.text());
        double firstMillis = (System.nanoTime() - start) / 1e6;
        double firstCpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        if (!first.ok()) {
            throw new IllegalStateException("generated file has syntax errors: " + first.errors());
        }

        double[] warm = new double[10];
        for (int i = 0; i < warm.length; i++) {
            start = System.nanoTime();
            TclScript.parse("generated.ns", file.text());
            warm[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(warm);

        start = System.nanoTime();
        int all = first.allCommands().size();
        double allMillis = (System.nanoTime() - start) / 1e6;

        System.out.printf("nodes %d, lines %d, top-level commands %d, all commands %d%n",
                nodes, lines, first.commands().size(), all);
        System.out.printf("first parse (cold JVM) %.0f ms (%.0f ms CPU), warm parse median %.0f ms, allCommands %.0f ms%n",
                firstMillis, firstCpuMillis, warm[warm.length / 2], allMillis);
    }
}
