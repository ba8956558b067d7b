package io.scce4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import io.scce4j.api.InvalidInputException;
import io.scce4j.discovery.BackendSelectionException;
import io.scce4j.guice.Scce4jModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The composition root of the {@code scce4j} command: Guice wires the backend selector, picocli parses the
 * command line, and every failure becomes one line on stderr and an exit status (see {@link ExitCodes}).
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
        Injector injector = Guice.createInjector(modules);
        CommandLine cli = new CommandLine(Scce4jCommand.class, new GuiceFactory(injector));
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
