package dev.aftercall.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FieldTypeTest {
    @ParameterizedTest
    @CsvSource({"string,STRING", "Number,NUMBER", "INTEGER,INTEGER", "float,FLOAT", "boolean,BOOLEAN",
            "enum,ENUM", "date,DATE", "time,TIME", "email,EMAIL", "' Email ',EMAIL"})
    void readsTheSeedsTypeNamesCaseInsensitively(String text, FieldType expected) {
        assertThat(FieldType.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"int,INTEGER", "bool,BOOLEAN", "double,FLOAT", "datetime,DATE", "DateTime,DATE"})
    void acceptsTheAliasesPeopleType(String text, FieldType expected) {
        assertThat(FieldType.parse(text)).isEqualTo(expected);
    }

    @Test
    void anUnknownTypeIsAnErrorListingTheAllowedTypes() {
        assertThatThrownBy(() -> FieldType.parse("money"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown variable type 'money'; allowed: string, number, integer, float, boolean, enum, "
                        + "date, time, email");
    }

    @Test
    void writesTheLowerCaseNameTheApiUses() throws Exception {
        assertThat(FieldType.DATE.wireName()).isEqualTo("date");
        assertThat(ExtractFixtures.MAPPER.writeValueAsString(FieldType.EMAIL)).isEqualTo("\"email\"");
        assertThat(ExtractFixtures.MAPPER.readValue("\"Bool\"", FieldType.class)).isEqualTo(FieldType.BOOLEAN);
    }
}
