package org.sharpeyes.gateway.onvif;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small namespace-aware DOM navigation; "required" lookups fail with {@link OnvifException.Kind#MALFORMED}. */
public final class Xml {
    private Xml() {
    }

    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    public static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    public static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    public static Element require(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        if (e == null) {
            throw new OnvifException(OnvifException.Kind.MALFORMED,
                    "<" + parent.getLocalName() + "> has no <" + local + "> element in namespace " + ns);
        }
        return e;
    }

    /** Trimmed text of the named child, or null when absent. */
    public static String text(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    public static String requireText(Element parent, String ns, String local) {
        return require(parent, ns, local).getTextContent().trim();
    }

    public static int requireInt(Element parent, String ns, String local) {
        String t = requireText(parent, ns, local);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new OnvifException(OnvifException.Kind.MALFORMED, "<" + local + "> is not an integer: " + abbreviate(t));
        }
    }

    public static String describe(Element e) {
        return "{" + e.getNamespaceURI() + "}" + e.getLocalName();
    }

    /** At most 60 characters of untrusted text, on one line. */
    public static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    /** Escapes text for an element body or a double-quoted attribute. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
