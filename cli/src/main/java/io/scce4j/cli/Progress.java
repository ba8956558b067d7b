package io.scce4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress over a known number of steps: a bar on a terminal, plain lines otherwise. Each step is announced
 * when it begins, so that an error printed next is read as being about the step just named, not the one before.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintWriter plain;
    private final String task;
    private final int total;
    private int begun;

    Progress(String task, int total, PrintWriter err, boolean terminal) {
        this.task = task;
        this.total = total;
        this.plain = terminal ? null : err;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }

    /** The next step, {@code what}, begins: "eval: 2/3 img1.png" off a terminal. */
    void begin(String what) {
        begun++;
        if (bar != null) {
            bar.setExtraMessage(what);
        } else {
            plain.println(task + ": " + begun + "/" + total + " " + what);
            plain.flush();
        }
    }

    /** The step begun last is done. */
    void end() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
