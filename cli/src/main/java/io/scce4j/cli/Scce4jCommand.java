package io.scce4j.cli;

import io.scce4j.discovery.BackendInfo;
import io.scce4j.discovery.BackendSelector;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code scce4j} command. */
@Command(name = "scce4j",
        mixinStandardHelpOptions = true,
        versionProvider = Scce4jCommand.Version.class,
        description = {
            "Keras's SparseCategoricalCrossentropy and argmax mask predictor on the JVM, identical to Keras, "
                + "on backends chosen at run time.",
            "",
            "Run without input files, 'loss', 'predict' and 'compare' use an embedded 3 x 3 x 2 example batch.",
        },
        subcommands = {
            BackendsCommand.class, LossCommand.class, PredictCommand.class, CompareCommand.class,
            ConformanceCommand.class, EvalCommand.class, BenchCommand.class,
            HelpCommand.class, AutoComplete.GenerateCompletion.class,
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:Success.",
            "1:A comparison or conformance check failed (or an internal error).",
            "2:Usage error: unknown or invalid option.",
            "3:Bad input: unreadable or malformed file, wrong shape, label out of range.",
            "4:Backend missing or unavailable.",
        },
        footer = {"", "Example:", "  scce4j compare", "  scce4j loss --y-true mask.npy --y-pred pred.npy --backend cpu"})
final class Scce4jCommand {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    /** The CLI's version and that of every backend on the class path. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            List<String> lines = new ArrayList<>();
            String own = Scce4jCommand.class.getPackage().getImplementationVersion();
            lines.add("scce4j " + (own == null ? "(development build)" : own));
            lines.add("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
            BackendSelector selector = BackendSelector.fromEnvironment();
            for (BackendInfo b : selector.discover()) {
                lines.add("backend " + b.id() + " " + b.version()
                        + (b.availability().isAvailable() ? "" : " (unavailable: " + b.availability().reason() + ")"));
            }
            return lines.toArray(new String[0]);
        }
    }
}
