package io.scce4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Progress over a known number of steps: a bar on a terminal, plain lines otherwise. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintWriter plain;
    private final int total;
    private int done;

    Progress(String task, int total, PrintWriter err, boolean terminal) {
        this.total = total;
        this.plain = terminal ? null : err;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }

    void step(String what) {
        done++;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(what);
        } else {
            plain.println("eval: " + done + "/" + total + " " + what);
            plain.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
