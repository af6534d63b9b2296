package io.lingqian.api.v2;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The v2 message format: {@code <xml><name>value</name>…</xml>}, one level deep, values plain or in
 * CDATA, UTF-8. The parser refuses DOCTYPEs and external entities (no XXE), so a hostile body can
 * neither read files nor expand entities.
 */
final class V2Xml {

    /** Larger bodies are refused before parsing; the biggest v2 request is a few kilobytes. */
    static final int MAX_BYTES = 64 * 1024;

    private V2Xml() {
    }

    /** A body that is not a v2 XML message: {@code return_msg} says why. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static Map<String, String> parse(byte[] body) throws Malformed {
        if (body == null || body.length == 0) {
            throw new Malformed("POST_DATA_EMPTY: the body is empty");
        }
        if (body.length > MAX_BYTES) {
            throw new Malformed("XML_FORMAT_ERROR: the body is larger than " + MAX_BYTES + " bytes");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new Malformed("NOT_UTF8: the body is not UTF-8");
        }
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new Malformed("XML_FORMAT_ERROR: the body is not well-formed XML without a DOCTYPE");
        }
        Element root = document.getDocumentElement();
        if (!"xml".equals(root.getTagName())) {
            throw new Malformed("XML_FORMAT_ERROR: the root element must be <xml>");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            if (fields.put(child.getNodeName(), child.getTextContent()) != null) {
                throw new Malformed("XML_FORMAT_ERROR: <" + child.getNodeName() + "> appears twice");
            }
        }
        return fields;
    }

    private static DocumentBuilder builder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder;
    }

    /**
     * A list inside an answer, such as gethbinfo's {@code <hblist><hbinfo><openid>…</openid>…</hbinfo></hblist>}:
     * written as nested elements, and signed as its text content (every value in order, nothing between), which
     * is what WxJava's {@code toMap()} reads for it.
     */
    record Items(String itemName, List<Map<String, String>> items) {

        String text() {
            StringBuilder text = new StringBuilder();
            items.forEach(item -> item.values().forEach(text::append));
            return text.toString();
        }
    }

    /** The answer's fields as the signature sees them. */
    static Map<String, String> signable(Map<String, ?> fields) {
        Map<String, String> signable = new LinkedHashMap<>();
        fields.forEach((name, value) -> signable.put(name, value instanceof Items items ? items.text() : (String) value));
        return signable;
    }

    /** The message with every value in CDATA (a {@code ]]>} inside a value is split across two sections). */
    static String write(Map<String, ?> fields) {
        StringBuilder xml = new StringBuilder("<xml>");
        fields.forEach((name, value) -> {
            xml.append('<').append(name).append('>');
            if (value instanceof Items items) {
                for (Map<String, String> item : items.items()) {
                    xml.append('<').append(items.itemName()).append('>');
                    item.forEach((field, text) -> element(xml, field, text));
                    xml.append("</").append(items.itemName()).append('>');
                }
            } else {
                cdata(xml, (String) value);
            }
            xml.append("</").append(name).append('>');
        });
        return xml.append("</xml>").toString();
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>');
        cdata(xml, value);
        xml.append("</").append(name).append('>');
    }

    private static void cdata(StringBuilder xml, String value) {
        xml.append("<![CDATA[").append(value.replace("]]>", "]]]]><![CDATA[>")).append("]]>");
    }
}
