package org.sharpeyes.gateway.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes, {@code ""} for a quote
 * inside quotes, quoted fields may hold commas and line breaks; records end with LF, CRLF or CR.
 * A leading byte-order mark is skipped and blank lines are ignored. A quote inside an unquoted
 * field is taken literally, as spreadsheets write it.
 */
final class CsvReader {
    /**
     * One record.
     *
     * @param line  the physical line it starts on, 1-based, as an editor shows it
     * @param error why the record could not be read (then {@code fields} is what was read before)
     */
    record Row(int line, List<String> fields, String error) {
    }

    private final String text;
    private int pos;
    private int line = 1;

    private CsvReader(String text) {
        this.text = text;
        this.pos = text.startsWith("\uFEFF") ? 1 : 0;
    }

    static List<Row> parse(String text) {
        return new CsvReader(text).rows();
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        while (pos < text.length()) {
            int start = line;
            if (atLineEnd()) {
                skipLineEnd(); // blank line
                continue;
            }
            List<String> fields = new ArrayList<>();
            String error = null;
            while (true) {
                String field;
                if (text.charAt(pos) == '"') {
                    field = quoted();
                    if (field == null) {
                        error = "unterminated quoted field " + (fields.size() + 1) + " starting on line " + start;
                        break;
                    }
                    if (pos < text.length() && text.charAt(pos) != ',' && !atLineEnd()) {
                        error = "text after the closing quote of field " + (fields.size() + 1);
                        while (pos < text.length() && !atLineEnd()) {
                            pos++;
                        }
                        skipLineEnd();
                        break;
                    }
                } else {
                    int from = pos;
                    while (pos < text.length() && text.charAt(pos) != ',' && !atLineEnd()) {
                        pos++;
                    }
                    field = text.substring(from, pos);
                }
                fields.add(field);
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    if (pos == text.length() || atLineEnd()) {
                        fields.add(""); // a trailing comma ends with an empty field
                    } else {
                        continue;
                    }
                }
                skipLineEnd();
                break;
            }
            rows.add(new Row(start, List.copyOf(fields), error));
        }
        return rows;
    }

    /** Reads a quoted field from its opening quote; null when the text ends inside it. */
    private String quoted() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    sb.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                return sb.toString();
            }
            if (c == '\n' || (c == '\r' && (pos + 1 == text.length() || text.charAt(pos + 1) != '\n'))) {
                line++;
            }
            sb.append(c);
            pos++;
        }
        return null;
    }

    private boolean atLineEnd() {
        char c = text.charAt(pos);
        return c == '\n' || c == '\r';
    }

    private void skipLineEnd() {
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
        line++;
    }
}
