package io.scce4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Scopes;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.scce4j.api.InvalidInputException;
import io.scce4j.discovery.BackendSelectionException;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.guice.Scce4jModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The composition root of the {@code scce4j} command: Guice wires the backend selector, picocli parses the
 * command line, and every failure becomes one line on stderr and an exit status (see {@link ExitCodes}).
 * Backend jars named by {@code --plugins} or {@code SCCE4J_PLUGINS} ({@link Plugins}) are read before anything
 * else: backends are then discovered over a class loader on them.
 */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, new Scce4jModule()));
    }

    /** Runs the command with the given streams and Guice modules; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Module... modules) {
        return runWithEnvironment(args, out, err, System::getenv, modules);
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter, Module...)}, with the environment ({@code SCCE4J_PLUGINS},
     * and {@code SCCE4J_BACKEND} for a selector over plugins) looked up in {@code environment}.
     */
    static int runWithEnvironment(String[] args, PrintWriter out, PrintWriter err,
            Function<String, String> environment, Module... modules) {
        Plugins plugins;
        try {
            plugins = Plugins.read(Plugins.optionValues(args), environment.apply(Plugins.VARIABLE),
                    Main.class.getClassLoader());
        } catch (Plugins.PluginException e) {
            err.println("scce4j: error: " + oneLine(e.getMessage()));
            err.flush();
            return ExitCodes.USAGE;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (plugins) {
            if (plugins.hasJars()) {
                // BackendSelector.fromEnvironment() (scce4j --version, the default selector) reads this loader too.
                thread.setContextClassLoader(plugins.loader());
            }
            return execute(args, out, err, Modules.override(modules).with(binder -> {
                binder.bind(Plugins.class).toInstance(plugins);
                if (plugins.hasJars()) {
                    OptionalBinder.newOptionalBinder(binder, BackendSelector.class).setBinding()
                            .toProvider(() -> BackendSelector.fromClassLoader(plugins.loader(), System::getProperty,
                                    environment::apply))
                            .in(Scopes.SINGLETON);
                }
            }));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err, Module module) {
        Injector injector = Guice.createInjector(module);
        CommandLine cli = new CommandLine(Scce4jCommand.class, new GuiceFactory(injector));
        // Read by Plugins before discovery (see runWithEnvironment); declared here so that picocli accepts it, on the
        // command and on every subcommand, and --help shows it.
        cli.getCommandSpec().addOption(OptionSpec.builder(Plugins.OPTION).paramLabel("DIR_OR_JAR")
                .type(List.class).auxiliaryTypes(String.class).splitRegex(",").arity("1")
                .scopeType(ScopeType.INHERIT)
                .description("Backend jars to add: jars, or folders whose jars are all read (comma-separated, "
                        + "repeatable; also the environment variable " + Plugins.VARIABLE + ", a path list). "
                        + "'scce4j backends' shows where each backend came from.")
                .build());
        boolean verbose = Arrays.asList(args).contains("--verbose");
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            err.println("scce4j: error: " + oneLine(e.getMessage()));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine c, CommandLine.ParseResult r) -> {
            Throwable cause = e instanceof ProvisionException && e.getCause() != null ? e.getCause() : e;
            if (verbose) {
                cause.printStackTrace(err);
            }
            err.println("scce4j: error: " + describe(cause));
            err.flush();
            return exitCode(cause);
        });
        return cli.execute(args);
    }

    static int exitCode(Throwable e) {
        if (e instanceof InvalidInputException || e instanceof IOException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof BackendSelectionException || e instanceof UnsupportedOperationException) {
            return ExitCodes.BACKEND_UNAVAILABLE;
        }
        return ExitCodes.FAILED;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "cannot read " + ((NoSuchFileException) e).getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "cannot access " + ((java.nio.file.AccessDeniedException) e).getFile() + ": permission denied";
        }
        if (e instanceof InvalidInputException || e instanceof IOException
                || e instanceof BackendSelectionException || e instanceof UnsupportedOperationException) {
            return oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return "internal error: " + oneLine(e.toString()) + " (run with --verbose for the stack trace)";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
