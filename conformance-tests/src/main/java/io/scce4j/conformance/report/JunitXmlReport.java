package io.scce4j.conformance.report;

import io.scce4j.conformance.CaseResult;
import io.scce4j.conformance.ConformanceReport;
import io.scce4j.conformance.Outcome;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A report in the JUnit XML format CI servers read: one {@code testcase} per case. */
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
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "scce4j conformance: " + report.backend());
            x.writeAttribute("tests", Integer.toString(report.results().size()));
            x.writeAttribute("failures", Long.toString(report.count(Outcome.FAILED)));
            x.writeAttribute("skipped", Long.toString(report.count(Outcome.SKIPPED) + report.count(Outcome.WAIVED)));
            x.writeAttribute("errors", "0");
            x.writeCharacters("\n");
            for (CaseResult r : report.results()) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", r.testCase().file());
                x.writeAttribute("name", r.testCase().id() + " " + r.testCase().comment());
                if (r.outcome() == Outcome.FAILED) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", r.message());
                    x.writeEndElement();
                } else if (r.outcome() != Outcome.PASSED) {
                    x.writeStartElement("skipped");
                    x.writeAttribute("message", r.outcome() + ": " + r.message());
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit XML report", e);
        }
        return out + "\n";
    }
}
