package org.nsbed.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * A large NS file of the shape testbed users generate (nodes in an array, a chain of links,
 * comments, a loop at the end), with the line of every top-level command it holds.
 */
record GeneratedNsFile(String text, List<Integer> commandLines) {

    static GeneratedNsFile withNodes(int nodes) {
        StringBuilder text = new StringBuilder();
        List<Integer> lines = new ArrayList<>();
        int[] line = {1};
        Runnable command = () -> lines.add(line[0]);
        text.append("# generated topology\n");
        line[0]++;
        command.run();
        text.append("source tb_compat.tcl\n");
        line[0]++;
        command.run();
        text.append("set ns [new Simulator]\n\n");
        line[0] += 2;
        for (int i = 0; i < nodes; i++) {
            command.run();
            text.append("set n(").append(i).append(") [$ns node]\n");
            line[0]++;
            command.run();
            text.append("tb-set-node-os $n(").append(i).append(") FBSD-STD ;# the standard image\n");
            line[0]++;
            command.run();
            text.append("tb-set-hardware $n(").append(i).append(") pc3000\n");
            line[0]++;
            if (i > 0) {
                command.run();
                text.append("set link").append(i).append(" [$ns duplex-link $n(").append(i - 1).append(") $n(")
                        .append(i).append(") \\\n    100Mb 10ms DropTail]\n");
                line[0] += 2;
            }
        }
        command.run();
        text.append("for {set i 0} {$i < ").append(nodes).append("} {incr i} {\n")
                .append("    tb-set-node-failure-action $n($i) \"nonfatal\"\n}\n");
        line[0] += 3;
        command.run();
        text.append("$ns rtproto Static\n");
        line[0]++;
        command.run();
        text.append("$ns run\n");
        return new GeneratedNsFile(text.toString(), List.copyOf(lines));
    }
}
