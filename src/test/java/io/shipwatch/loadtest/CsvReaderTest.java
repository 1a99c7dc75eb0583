package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static CsvReader reader(byte[] bytes) {
        return new CsvReader(new ByteArrayInputStream(bytes), "t.csv", ',');
    }

    @Test
    void readsQuotedFieldsWithSeparatorsQuotesLineBreaksAndUtf8AfterAByteOrderMark() throws IOException {
        byte[] text = "\uFEFFlabel,elapsed\r\n\"GET /café, \"\"ünï\"\"\n2nd line\",12\n\n日本,7".getBytes(StandardCharsets.UTF_8);
        CsvReader csv = reader(text);

        assertThat(csv.next()).isTrue();
        assertThat(csv.get(0)).isEqualTo("label");
        assertThat(csv.equalsText(0, "label")).isTrue();
        assertThat(csv.next()).isTrue();
        assertThat(csv.line()).isEqualTo(2);
        assertThat(csv.get(0)).isEqualTo("GET /café, \"ünï\"\n2nd line");
        assertThat(csv.equalsText(0, "GET /café, \"ünï\"\n2nd line")).isTrue();
        assertThat(csv.getRepeated(0)).isSameAs(csv.getRepeated(0));
        assertThat(csv.getLong(1)).isEqualTo(12);
        assertThat(csv.next()).isTrue();
        assertThat(csv.line()).isEqualTo(5);
        assertThat(csv.get(0)).isEqualTo("日本");
        assertThat(csv.endedWithLineBreak()).isFalse();
        assertThat(csv.next()).isFalse();
    }

    @Test
    void numbersAreParsedInPlaceOrRefused() throws IOException {
        CsvReader csv = reader("-5,12.25,abc,,99999999999999999999\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.next()).isTrue();
        assertThat(csv.getLong(0)).isEqualTo(-5);
        assertThat(csv.getDouble(1)).isEqualTo(12.25);
        assertThat(csv.getLong(2)).isEqualTo(CsvReader.NOT_A_NUMBER);
        assertThat(csv.getDouble(2)).isNaN();
        assertThat(csv.getLong(3)).isEqualTo(CsvReader.NOT_A_NUMBER);
        assertThat(csv.getLong(4)).isEqualTo(CsvReader.NOT_A_NUMBER);
    }

    @Test
    void anUnclosedQuoteSaysWhereItStarted() throws IOException {
        CsvReader csv = reader("a,b\n1,\"open\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.next()).isTrue();
        assertThatThrownBy(csv::next).hasMessage("t.csv:2: a quoted field is never closed; the file looks truncated; "
                + "take the whole file, or delete its last, unfinished record");
    }
}
