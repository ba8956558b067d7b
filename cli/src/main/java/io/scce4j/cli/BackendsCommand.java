package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.Backend;
import io.scce4j.discovery.BackendInfo;
import io.scce4j.discovery.BackendSelectionException;
import io.scce4j.discovery.BackendSelector;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scce4j backends}: what is on the class path and in the plugins, where each came from, whether it runs. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"List the backends on the class path and in the plugin jars (--plugins, SCCE4J_PLUGINS): id, "
                + "priority, availability, version, device, where it came from (class path, --plugins or "
                + "SCCE4J_PLUGINS) and its jar; then the plugin sources read."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:Success.", "2:Usage error."},
        footer = {"", "Example:", "  scce4j backends --format json",
            "  scce4j --plugins target/acme-backend.jar backends"})
final class BackendsCommand implements Callable<Integer> {
    private final BackendSelector selector;
    private final Plugins plugins;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Inject
    BackendsCommand(BackendSelector selector, Plugins plugins) {
        this.selector = selector;
        this.plugins = plugins;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        for (BackendInfo b : selector.discover()) {
            rows.add(new String[] {b.id(), Integer.toString(b.priority()),
                b.availability().isAvailable() ? "yes" : "no: " + b.availability().reason(), b.version(),
                device(b), plugins.originOf(b.location()), b.location()});
        }
        if (format == Format.json) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (String[] r : rows) {
                ObjectNode n = list.addObject();
                n.put("id", r[0]).put("priority", Integer.parseInt(r[1])).put("available", r[2].equals("yes"))
                        .put("reason", r[2].startsWith("no: ") ? r[2].substring(4) : null).put("version", r[3])
                        .put("device", r[4]).put("source", r[5]).put("location", r[6]);
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("backends", list);
            root.set("plugin_sources", plugins.json());
            ArrayNode problems = root.putArray("problems");
            selector.problems().forEach(problems::add);
            out.println(Output.JSON.writeValueAsString(root));
        } else {
            out.print(Table.render(new String[] {"id", "priority", "available", "version", "device", "from",
                "location"}, rows));
            for (String p : selector.problems()) {
                out.println("problem: " + p);
            }
            if (rows.isEmpty()) {
                out.println("No backend on the class path.");
            }
            if (plugins.sources().isEmpty()) {
                out.println("plugins: none (add backend jars with --plugins DIR_OR_JAR[,...] or "
                        + Plugins.VARIABLE + "=PATH[" + java.io.File.pathSeparator + "PATH...])");
            }
            for (Plugins.Source s : plugins.sources()) {
                out.println("plugins read: " + s);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String device(BackendInfo b) {
        if (!b.availability().isAvailable()) {
            return "-";
        }
        try (Backend backend = selector.open(b.id())) {
            return backend.device();
        } catch (BackendSelectionException e) {
            return "failed to start: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }
}
