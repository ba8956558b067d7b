package io.scce4j.conformance.report;

import io.scce4j.conformance.CaseResult;
import io.scce4j.conformance.CheckResult;
import io.scce4j.conformance.ConformanceReport;
import io.scce4j.conformance.Outcome;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A report in the JUnit XML format CI servers read: a {@code testsuites} document with one {@code testsuite} for
 * the Keras cases (one {@code testcase} each, named by id, comment and flags) and one for the kit's checks
 * (tolerance claim, concurrency, closed instance). Each suite's {@code properties} carry the claimed tolerance,
 * the kit's maximum and, where a looser claim was allowed, the author's reason.
 */
public final class JunitXmlReport {
    private JunitXmlReport() {
    }

    /** The XML document. */
    public static String render(ConformanceReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "scce4j conformance: " + report.backend());
            x.writeAttribute("tests", Integer.toString(report.results().size() + report.checks().size()));
            x.writeAttribute("failures", Long.toString(report.count(Outcome.FAILED)));
            x.writeAttribute("skipped", Long.toString(report.count(Outcome.SKIPPED) + report.count(Outcome.WAIVED)));
            x.writeAttribute("errors", "0");
            x.writeCharacters("\n");

            List<CaseResult> cases = report.results();
            suite(x, report, "scce4j conformance: " + report.backend(), cases.size(),
                    cases.stream().filter(r -> r.outcome() == Outcome.FAILED).count(),
                    cases.stream().filter(r -> r.outcome() == Outcome.SKIPPED || r.outcome() == Outcome.WAIVED)
                            .count());
            for (CaseResult r : cases) {
                testcase(x, r.testCase().file(), name(r), r.outcome(), r.message());
            }
            x.writeEndElement();
            x.writeCharacters("\n");

            List<CheckResult> checks = report.checks();
            suite(x, report, "scce4j conformance checks: " + report.backend(), checks.size(),
                    checks.stream().filter(c -> c.outcome() == Outcome.FAILED).count(),
                    checks.stream().filter(c -> c.outcome() == Outcome.SKIPPED || c.outcome() == Outcome.WAIVED)
                            .count());
            for (CheckResult c : checks) {
                testcase(x, "scce4j checks", c.id() + " " + c.title(), c.outcome(), c.message());
            }
            x.writeEndElement();
            x.writeCharacters("\n");

            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit XML report", e);
        }
        return out + "\n";
    }

    /** The case's id, comment and flags: {@code keras3-loss-017 mean over ignored labels [IgnoreClass]}. */
    static String name(CaseResult r) {
        return r.testCase().id() + " " + r.testCase().comment()
                + (r.testCase().flags().isEmpty() ? "" : " [" + String.join(", ", r.testCase().flags()) + "]");
    }

    private static void suite(XMLStreamWriter x, ConformanceReport report, String name, long tests, long failures,
            long skipped) throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Long.toString(tests));
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("skipped", Long.toString(skipped));
        x.writeAttribute("errors", "0");
        x.writeCharacters("\n");
        x.writeStartElement("properties");
        property(x, "tolerance.claimed", report.tolerance().toString());
        property(x, "tolerance.maximum", report.maximumTolerance().toString());
        if (report.looseToleranceAllowed().isPresent()) {
            property(x, "tolerance.loose-allowed", report.looseToleranceAllowed().get());
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static void testcase(XMLStreamWriter x, String classname, String name, Outcome outcome, String message)
            throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", classname);
        x.writeAttribute("name", name);
        if (outcome == Outcome.FAILED) {
            x.writeStartElement("failure");
            x.writeAttribute("message", message);
            x.writeEndElement();
        } else if (outcome != Outcome.PASSED) {
            x.writeStartElement("skipped");
            x.writeAttribute("message", outcome + ": " + message);
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }
}
