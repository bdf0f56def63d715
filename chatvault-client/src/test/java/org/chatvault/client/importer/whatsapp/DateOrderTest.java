package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateOrderTest {

    private static DateOrder decide(String... lines) {
        DateOrder.Evidence e = new DateOrder.Evidence();
        for (int i = 0; i < lines.length; i++) assertThat(e.add(HeaderLine.parse(lines[i]), i + 1, n -> "line " + n)).isNull();
        return e.decide();
    }

    @Test
    void aFirstFieldAbove12MeansDayFirst() {
        assertThat(decide("01/02/24, 10:00 - A: x", "13/02/24, 10:00 - A: x")).isEqualTo(DateOrder.DAY_FIRST);
        // even on a 12-hour clock with upper-case PM
        assertThat(decide("01/02/24, 10:00 PM - A: x", "13/02/24, 10:00 PM - A: x")).isEqualTo(DateOrder.DAY_FIRST);
    }

    @Test
    void aSecondFieldAbove12MeansMonthFirst() {
        assertThat(decide("01/02/2024, 10:00 - A: x", "02/13/2024, 10:00 - A: x")).isEqualTo(DateOrder.MONTH_FIRST);
    }

    @Test
    void undecidedIsDayFirstOnA24HourClock() {
        assertThat(decide("01/02/24, 10:00 - A: x", "03/04/24, 22:00 - A: x")).isEqualTo(DateOrder.DAY_FIRST);
    }

    @Test
    void undecidedIsMonthFirstWithTheUpperCaseAmPmOfAUsPhone() {
        assertThat(decide("01/02/24, 10:00\u202FAM - A: x", "03/04/24, 10:00\u202FPM - A: x")).isEqualTo(DateOrder.MONTH_FIRST);
    }

    @Test
    void undecidedStaysDayFirstWithLowerCaseOrLocalizedMarkers() {
        assertThat(decide("01/02/24, 10:00 am - A: x")).isEqualTo(DateOrder.DAY_FIRST);
        assertThat(decide("01/02/24, 10:00 p. m. - A: x")).isEqualTo(DateOrder.DAY_FIRST);
    }

    @Test
    void aFourDigitFirstFieldIsTheYear() {
        assertThat(decide("2024/12/31 下午11:59 - A: x")).isEqualTo(DateOrder.YEAR_FIRST);
        assertThat(DateOrder.YEAR_FIRST.localTime(HeaderLine.parse("2025/1/1 上午12:05 - A: x")))
                .isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 5));
    }

    @Test
    void aFileThatContradictsItselfIsNamedWithBothLines() {
        DateOrder.Evidence e = new DateOrder.Evidence();
        assertThat(e.add(HeaderLine.parse("13/01/2024, 10:00 - A: x"), 1, n -> "line " + n)).isNull();
        assertThat(e.add(HeaderLine.parse("01/13/2024, 10:00 - A: x"), 7, n -> "line " + n))
                .contains("day-first (line 1 ('13/01/2024, 10:00'))").contains("month-first (line 7 ('01/13/2024, 10:00'))");
    }

    @Test
    void twelveHourClocksAndTwoDigitYearsBecomeLocalTimes() {
        assertThat(DateOrder.MONTH_FIRST.localTime(HeaderLine.parse("12/31/24, 12:30 AM - A: x")))
                .isEqualTo(LocalDateTime.of(2024, 12, 31, 0, 30));
        assertThat(DateOrder.MONTH_FIRST.localTime(HeaderLine.parse("12/31/24, 12:30 PM - A: x")))
                .isEqualTo(LocalDateTime.of(2024, 12, 31, 12, 30));
        assertThat(DateOrder.DAY_FIRST.localTime(HeaderLine.parse("[31/12/2024, 23:59:58] A: x")))
                .isEqualTo(LocalDateTime.of(2024, 12, 31, 23, 59, 58));
        assertThatThrownBy(() -> DateOrder.DAY_FIRST.localTime(HeaderLine.parse("30/02/24, 10:00 - A: x")))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> DateOrder.DAY_FIRST.localTime(HeaderLine.parse("01/02/24, 13:00 PM - A: x")))
                .isInstanceOf(DateTimeException.class);
    }
}
