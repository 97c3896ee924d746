package org.sharpeyes.gateway.onvif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * SOAP 1.2 envelopes: building them and parsing untrusted ones safely. Parsing refuses any
 * DOCTYPE (so no XXE and no entity expansion bombs), never fetches anything, and turns every
 * problem into an {@link OnvifException}. Parsing blocks: call it on a worker thread.
 */
public final class Soap {
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(Soap::newBuilder);

    private Soap() {
    }

    public static String envelope(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\">"
                + (header.isEmpty() ? "" : "<s:Header>" + header + "</s:Header>")
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /** A SOAP fault envelope with an ONVIF subcode such as {@code ter:NotAuthorized}. */
    public static String fault(String code, String subcode, String reason) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\" xmlns:ter=\"" + Ns.ERROR + "\"><s:Body><s:Fault>"
                + "<s:Code><s:Value>s:" + code + "</s:Value><s:Subcode><s:Value>ter:" + subcode + "</s:Value></s:Subcode></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en\">" + Xml.escape(reason) + "</s:Text></s:Reason>"
                + "</s:Fault></s:Body></s:Envelope>";
    }

    /** Parses a document; any XML problem or DOCTYPE is {@link Kind#MALFORMED}. */
    public static Document parse(byte[] xml) {
        DocumentBuilder builder = BUILDER.get();
        builder.setErrorHandler(SILENT);
        try {
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new OnvifException(Kind.MALFORMED, "not well-formed or unsafe XML: " + Xml.abbreviate(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new OnvifException(Kind.MALFORMED, "unreadable XML: " + Xml.abbreviate(String.valueOf(e.getMessage())));
        } finally {
            builder.reset();
        }
    }

    /** The SOAP 1.2 envelope element, checked. */
    public static Element envelopeOf(Document doc) {
        Element root = doc.getDocumentElement();
        if (root == null || !"Envelope".equals(root.getLocalName()) || !Ns.SOAP.equals(root.getNamespaceURI())) {
            throw new OnvifException(Kind.MALFORMED, "expected a SOAP 1.2 Envelope, got "
                    + (root == null ? "nothing" : Xml.describe(root)));
        }
        return root;
    }

    /**
     * The first element inside the Body of a reply. A Fault becomes an exception: ter:NotAuthorized
     * (or Sender + an auth-sounding reason) is {@link Kind#AUTH_REFUSED}, anything else {@link Kind#FAULT}.
     */
    public static Element replyBody(Document doc) {
        Element body = Xml.require(envelopeOf(doc), Ns.SOAP, "Body");
        Element first = Xml.firstElement(body);
        if (first == null) {
            throw new OnvifException(Kind.MALFORMED, "empty SOAP Body");
        }
        if ("Fault".equals(first.getLocalName()) && Ns.SOAP.equals(first.getNamespaceURI())) {
            throw faultException(first);
        }
        return first;
    }

    /** {@link #replyBody} that must be the named element. */
    public static Element replyBody(Document doc, String ns, String local) {
        Element first = replyBody(doc);
        if (!local.equals(first.getLocalName()) || !ns.equals(first.getNamespaceURI())) {
            throw new OnvifException(Kind.MALFORMED, "expected {" + ns + "}" + local + ", got " + Xml.describe(first));
        }
        return first;
    }

    private static OnvifException faultException(Element fault) {
        StringBuilder codes = new StringBuilder();
        for (Element code = Xml.child(fault, Ns.SOAP, "Code"); code != null; code = Xml.child(code, Ns.SOAP, "Subcode")) {
            String value = Xml.text(code, Ns.SOAP, "Value");
            if (value != null) {
                codes.append(codes.length() == 0 ? "" : "/").append(value);
            }
        }
        Element reasonEl = Xml.child(fault, Ns.SOAP, "Reason");
        String reason = reasonEl == null ? "" : String.valueOf(Xml.text(reasonEl, Ns.SOAP, "Text"));
        String message = "SOAP fault " + Xml.abbreviate(codes.toString()) + (reason.isEmpty() ? "" : " (" + Xml.abbreviate(reason) + ")");
        String lower = (codes + " " + reason).toLowerCase();
        boolean auth = lower.contains("notauthorized") || lower.contains("not authorized") || lower.contains("failedauthentication");
        return new OnvifException(auth ? Kind.AUTH_REFUSED : Kind.FAULT, message);
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required safety feature", e);
        }
    }

    // The default handler prints "[Fatal Error]" to stderr; errors surface as exceptions instead.
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
