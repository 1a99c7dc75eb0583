package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * JMeter's JTL results in XML ({@code <testResults>} of {@code <httpSample>} and {@code <sample>} elements). Only
 * top-level samples count: nested ones are sub-results (redirects, embedded resources) already timed by their
 * parent, as JMeter's own report counts them.
 */
public final class JMeterXmlParser implements LoadTestParser {
    private static final String HINT = "save results with jmeter.save.saveservice.output_format=xml, or as CSV";

    @Override
    public String name() {
        return "jmeter-xml";
    }

    @Override
    public String description() {
        return "JMeter JTL results in XML";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String head = sniff.trimmedHead();
        return head.startsWith("<testResults") || head.startsWith("<?xml") && head.contains("<testResults");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        RawResults results = new RawResults(name(), source, 1);
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in, "UTF-8");
            int depth = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1 && !xml.getLocalName().equals("testResults")) {
                        throw new InputException(where(source, xml), "the root element is <" + xml.getLocalName()
                                + ">, not <testResults>", HINT);
                    }
                    if (depth == 2 && (xml.getLocalName().equals("httpSample") || xml.getLocalName().equals("sample"))) {
                        addSample(xml, results, source);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            String message = String.valueOf(e.getMessage()).replaceAll("(?s)^ParseError at \\[.*?]\\s*Message:\\s*", "");
            throw new InputException(line > 0 ? source + ":" + line : source, "not well-formed XML: "
                    + message.lines().findFirst().orElse("").replaceAll("\\.$", ""), "the file looks truncated or edited; "
                    + "take the whole file as JMeter wrote it");
        } finally {
            close(xml);
        }
        return results.build("the file has no <httpSample> or <sample> elements; did the test run?", List.of());
    }

    private static void addSample(XMLStreamReader xml, RawResults results, String source) {
        String where = where(source, xml);
        long ts = number(xml, "ts", "epoch milliseconds", where);
        long t = number(xml, "t", "whole milliseconds", where);
        String s = attribute(xml, "s", where);
        if (!s.equals("true") && !s.equals("false")) {
            throw new InputException(where, "attribute 's' is '" + s + "', expected true or false", HINT);
        }
        results.add(attribute(xml, "lb", where), t, s.equals("true"), ts * 1000, (ts + t) * 1000);
    }

    private static long number(XMLStreamReader xml, String name, String expected, String where) {
        String text = attribute(xml, name, where);
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new InputException(where, "attribute '" + name + "' is '" + text + "', expected " + expected, HINT);
    }

    private static String attribute(XMLStreamReader xml, String name, String where) {
        String value = xml.getAttributeValue(null, name);
        if (value == null) {
            throw new InputException(where, "<" + xml.getLocalName() + "> has no '" + name + "' attribute", HINT);
        }
        return value;
    }

    private static String where(String source, XMLStreamReader xml) {
        return source + ":" + xml.getLocation().getLineNumber();
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // nothing to release beyond the stream, which the caller closes
            }
        }
    }
}
