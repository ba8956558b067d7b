package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * docs/backend-authors.md tells an outside author everything {@code examples/third-party-backend} needed: the
 * install step, the coordinates, the plugin versions Maven 3.8.7 needs for Java 17 (the same as the example's), the
 * weighting helper, and how to run {@code scce4j conformance} on the jar.
 */
class BackendAuthorsDocTest {
    private static final Path DOC = Path.of("..", "docs", "backend-authors.md");
    private static final Path EXAMPLE = Path.of("..", "examples", "third-party-backend", "pom.xml");

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    /** groupId:artifactId:version of every element named {@code tag}, properties resolved from the example. */
    private static Set<String> coordinates(Document d, String tag) {
        Set<String> found = new TreeSet<>();
        NodeList list = d.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            String version = text(e, "version").replace("${scce4j.version}", "0.1.0-SNAPSHOT");
            found.add(text(e, "groupId") + ":" + text(e, "artifactId") + ":" + version);
        }
        return found;
    }

    private static String text(Element e, String child) {
        NodeList l = e.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    private static String docPom() throws IOException {
        Matcher m = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertTrue(m.find(), "the doc has a pom.xml excerpt");
        return "<project>" + m.group(1) + "</project>";
    }

    @Test
    void theDocsPomPinsThePluginVersionsAndCoordinatesTheExampleUses() throws Exception {
        Document doc = xml(docPom());
        Document example = xml(Files.readString(EXAMPLE));
        assertEquals(coordinates(example, "plugin"), coordinates(doc, "plugin"));
        assertEquals(coordinates(example, "dependency"), coordinates(doc, "dependency"));
        assertEquals(8, coordinates(doc, "plugin").size(), "every plugin of Maven's jar lifecycle, pinned");
    }

    @Test
    void theDocSaysHowToInstallWeighAndRunTheCommandOnTheJar() throws IOException {
        String doc = Files.readString(DOC);
        for (String needed : new String[] {"mvn -B install -DskipTests", "io.scce4j", "scce4j-api",
            "scce4j-conformance-tests", "0.1.0-SNAPSHOT", "Maven 3.8.7", "2.12.4",
            "call.weighting()", "weighting.multiplier(i)", "weighting.reduce(sum)", "--plugins", "SCCE4J_PLUGINS",
            "conformance --backend acme", "--allow-loose-tolerance", "allowLooseTolerance()", "abs 1e-6, rel 1e-5"}) {
            assertTrue(doc.contains(needed), "docs/backend-authors.md lacks " + needed);
        }
    }
}
