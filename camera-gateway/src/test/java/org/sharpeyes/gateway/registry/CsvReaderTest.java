package org.sharpeyes.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaksAndLinesAreCountedAsAnEditorShowsThem() {
        String text = "\uFEFFname,note\r\n"
                + "\"东门, 北侧\",\"他说\"\"好\"\"\"\r\n"
                + "\"两行\n备注\",x\n"
                + "\n"
                + "末行,\n";

        List<CsvReader.Row> rows = CsvReader.parse(text);

        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 3, 6);
        assertThat(rows.get(0).fields()).containsExactly("name", "note");
        assertThat(rows.get(1).fields()).containsExactly("东门, 北侧", "他说\"好\"");
        assertThat(rows.get(2).fields()).containsExactly("两行\n备注", "x");
        assertThat(rows.get(3).fields()).containsExactly("末行", "");
        assertThat(rows).allMatch(r -> r.error() == null);
    }

    @Test
    void textAfterAClosingQuoteSpoilsOnlyItsOwnRow() {
        List<CsvReader.Row> rows = CsvReader.parse("a,b\n\"x\"y,z\nc,d\n");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).error()).isEqualTo("text after the closing quote of field 1");
        assertThat(rows.get(2)).isEqualTo(new CsvReader.Row(3, List.of("c", "d"), null));
    }

    @Test
    void anUnterminatedQuoteIsReportedWhereItStarts() {
        List<CsvReader.Row> rows = CsvReader.parse("a,b\nc,d\ne,\"never closed\nf,g\n");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).error()).isEqualTo("unterminated quoted field 2 starting on line 3");
    }

    @Property(tries = 300)
    void whatAWriterQuotesTheParserReadsBackWithTheRightLines(@ForAll("tables") List<List<String>> table,
                                                               @ForAll boolean crlf, @ForAll boolean bom) {
        String newline = crlf ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        for (List<String> row : table) {
            lines.add(line);
            for (int i = 0; i < row.size(); i++) {
                String field = row.get(i);
                boolean quote = field.isEmpty() && row.size() == 1 || field.matches("(?s).*[\",\r\n].*");
                text.append(i > 0 ? "," : "").append(quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
                line += field.replace("\r\n", "\n").replace('\r', '\n').chars().filter(c -> c == '\n').count();
            }
            text.append(newline);
            line++;
        }

        List<CsvReader.Row> rows = CsvReader.parse(text.toString());

        assertThat(rows).extracting(CsvReader.Row::fields).isEqualTo(table);
        assertThat(rows).extracting(CsvReader.Row::line).isEqualTo(lines);
        assertThat(rows).allMatch(r -> r.error() == null);
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> field = Arbitraries.strings().withChars("ab 东门,\"\r\n\t'").ofMaxLength(12);
        return field.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(8);
    }
}
