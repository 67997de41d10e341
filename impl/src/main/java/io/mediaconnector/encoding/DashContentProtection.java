package io.mediaconnector.encoding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Adds what ffmpeg's dash muxer leaves out of a CENC manifest: {@code xmlns:cenc} on the MPD and, as
 * the first children of every AdaptationSet, the common-encryption descriptor with
 * {@code cenc:default_KID} and the ClearKey descriptor. Without them players never set up EME and
 * stall silently.
 */
final class DashContentProtection {

    static final String DASH_NS = "urn:mpeg:dash:schema:mpd:2011";
    static final String CENC_NS = "urn:mpeg:cenc:2013";
    static final String MP4_PROTECTION_SCHEME = "urn:mpeg:dash:mp4protection:2011";
    static final String CLEARKEY_SCHEME = "urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e";

    private DashContentProtection() {
    }

    static void patch(Path mpd, ContentProtection protection) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder().parse(mpd.toFile());
            Element root = doc.getDocumentElement();
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:cenc", CENC_NS);
            NodeList sets = doc.getElementsByTagNameNS(DASH_NS, "AdaptationSet");
            if (sets.getLength() == 0) {
                throw new EncodingException("The DASH manifest has no AdaptationSet");
            }
            for (int i = 0; i < sets.getLength(); i++) {
                Element set = (Element) sets.item(i);
                Element cenc = doc.createElementNS(DASH_NS, "ContentProtection");
                cenc.setAttribute("schemeIdUri", MP4_PROTECTION_SCHEME);
                cenc.setAttribute("value", "cenc");
                cenc.setAttributeNS(CENC_NS, "cenc:default_KID", protection.keyId().toString());
                Element clearKey = doc.createElementNS(DASH_NS, "ContentProtection");
                clearKey.setAttribute("schemeIdUri", CLEARKEY_SCHEME);
                clearKey.setAttribute("value", "ClearKey1.0");
                Node first = firstElementChild(set);
                set.insertBefore(cenc, first);
                set.insertBefore(clearKey, first);
            }
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            Path temp = mpd.resolveSibling(mpd.getFileName() + ".tmp");
            transformer.transform(new DOMSource(doc), new StreamResult(temp.toFile()));
            Files.move(temp, mpd, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (EncodingException e) {
            throw e;
        } catch (Exception e) {
            throw new EncodingException("Adding ContentProtection to the DASH manifest failed: " + e.getMessage(), e);
        }
    }

    private static Node firstElementChild(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return n;
            }
        }
        return null;
    }
}
