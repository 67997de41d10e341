package io.mediaconnector.upload;

import io.mediaconnector.storage.BlockList;
import io.mediaconnector.storage.BlockReference;
import io.mediaconnector.storage.BlockReference.BlockSource;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Azure's block list XML: the Put Block List request body and the Get Block List response body. */
final class BlockListXml {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        // The body is untrusted: no DTDs, no external entities.
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private BlockListXml() {
    }

    /**
     * Parses {@code <BlockList><Latest>id</Latest><Committed>id</Committed><Uncommitted>id</Uncommitted></BlockList>}.
     * Element names are matched case-insensitively, as Azure does.
     */
    static List<BlockReference> parse(InputStream body) {
        List<BlockReference> blocks = new ArrayList<>();
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(body);
            try {
                int depth = 0;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String name = reader.getLocalName().toLowerCase(Locale.ROOT);
                        if (depth == 1 && !name.equals("blocklist")) {
                            throw invalid("the root element must be BlockList");
                        }
                        if (depth == 2) {
                            BlockSource source = switch (name) {
                                case "latest" -> BlockSource.LATEST;
                                case "committed" -> BlockSource.COMMITTED;
                                case "uncommitted" -> BlockSource.UNCOMMITTED;
                                default -> throw invalid("unexpected element " + reader.getLocalName());
                            };
                            blocks.add(new BlockReference(source, reader.getElementText().trim()));
                            depth--;
                        } else if (depth > 2) {
                            throw invalid("unexpected nesting at " + reader.getLocalName());
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw invalid("the block list is not well-formed XML");
        }
        return blocks;
    }

    static String render(BlockList list, boolean committed, boolean uncommitted) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        if (committed) {
            appendBlocks(xml, "CommittedBlocks", list.committed());
        }
        if (uncommitted) {
            appendBlocks(xml, "UncommittedBlocks", list.uncommitted());
        }
        return xml.append("</BlockList>").toString();
    }

    private static void appendBlocks(StringBuilder xml, String element, List<BlockList.Block> blocks) {
        xml.append('<').append(element).append('>');
        for (BlockList.Block block : blocks) {
            xml.append("<Block><Name>").append(AzureErrorMapper.escape(block.id())).append("</Name><Size>")
                    .append(block.size()).append("</Size></Block>");
        }
        xml.append("</").append(element).append('>');
    }

    private static AzureErrorException invalid(String message) {
        return AzureErrorException.badRequest("InvalidXmlDocument", "XML specified is not syntactically valid: " + message);
    }
}
