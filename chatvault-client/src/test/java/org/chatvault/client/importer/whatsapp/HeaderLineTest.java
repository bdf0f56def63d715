package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatvault.client.importer.whatsapp.HeaderLine.DayPeriod;
import org.junit.jupiter.api.Test;

class HeaderLineTest {

    @Test
    void readsAndroidLinesOf24HourAnd12HourClocks() {
        HeaderLine gb = HeaderLine.parse("31/12/2024, 23:59 - Name: text: with a colon");
        assertThat(gb).isNotNull();
        assertThat(new int[] {gb.a(), gb.b(), gb.c(), gb.hour(), gb.minute(), gb.second()}).containsExactly(31, 12, 2024, 23, 59, -1);
        assertThat(gb.sender()).isEqualTo("Name");
        assertThat(gb.text()).isEqualTo("text: with a colon");
        assertThat(gb.ios()).isFalse();
        assertThat(gb.twoDigitYear()).isFalse();

        HeaderLine us = HeaderLine.parse("12/31/24, 11:59\u202FPM - Name: text");
        assertThat(us.period()).isEqualTo(DayPeriod.PM);
        assertThat(us.twoDigitYear()).isTrue();
        assertThat(us.timestamp()).isEqualTo("12/31/24, 11:59\u202FPM");

        HeaderLine de = HeaderLine.parse("31.12.24, 23:59 - Anna: Hallo");
        assertThat(de.a()).isEqualTo(31);
        assertThat(de.sender()).isEqualTo("Anna");
    }

    @Test
    void readsIosLinesWithMarksAndSeconds() {
        HeaderLine h = HeaderLine.parse("\u200E[12/31/24, 11:59:58\u202FPM] Tom: \u200E<attached: 00000005-PHOTO.jpg>");
        assertThat(h.ios()).isTrue();
        assertThat(h.second()).isEqualTo(58);
        assertThat(h.sender()).isEqualTo("Tom");
        assertThat(h.text()).isEqualTo("\u200E<attached: 00000005-PHOTO.jpg>");

        assertThat(HeaderLine.parse("[31/12/2024, 23:59:59] \u200EName: hi").sender()).isEqualTo("Name");
        // a right-to-left mark (Arabic, Hebrew phones) and a byte-order mark at the start
        assertThat(HeaderLine.parse("\u200F[31/12/2024, 23:59:59] אבי: שלום").sender()).isEqualTo("אבי");
        assertThat(HeaderLine.parse("\uFEFF31/12/2024, 23:59 - Name: hi").a()).isEqualTo(31);
    }

    @Test
    void readsLocalesWithoutACommaAndWithIsoDates() {
        HeaderLine noComma = HeaderLine.parse("31/12/2024 23:59 - Name: hi");
        assertThat(noComma).extracting(HeaderLine::a, HeaderLine::hour, HeaderLine::sender).containsExactly(31, 23, "Name");
        HeaderLine iso = HeaderLine.parse("2024-12-31, 23:59 - Name: hi");
        assertThat(iso).extracting(HeaderLine::yearFirst, HeaderLine::b, HeaderLine::c).containsExactly(true, 12, 31);
        assertThat(HeaderLine.parse("31/12/2024, 23:59 \u2013 Name: en dash").sender()).isEqualTo("Name");
    }

    @Test
    void readsLocalizedDayPeriodsBeforeAndAfterTheTime() {
        assertThat(HeaderLine.parse("5/1/24, 3:30\u202Fp.\u202Fm. - Lucía: hola").period()).isEqualTo(DayPeriod.PM_OTHER);
        assertThat(HeaderLine.parse("5/1/24, 9:30 a. m. - Lucía: hola").period()).isEqualTo(DayPeriod.AM_OTHER);
        HeaderLine zh = HeaderLine.parse("2024/12/31 下午11:59 - 妈妈: 新年快乐");
        assertThat(zh.yearFirst()).isTrue();
        assertThat(zh.period()).isEqualTo(DayPeriod.PM_OTHER);
        assertThat(zh.sender()).isEqualTo("妈妈");
        assertThat(HeaderLine.parse("31/12/24, 11:59 pm - Sam: hi").period()).isEqualTo(DayPeriod.PM_OTHER);
        HeaderLine zhIos = HeaderLine.parse("[2024/12/31 上午1:02:03] 妈妈: 早");
        assertThat(zhIos).extracting(HeaderLine::ios, HeaderLine::period, HeaderLine::hour, HeaderLine::second)
                .containsExactly(true, DayPeriod.AM_OTHER, 1, 3);
        HeaderLine ko = HeaderLine.parse("2024. 12. 31. 오후 11:59 - 민수: 안녕");
        assertThat(ko).extracting(HeaderLine::yearFirst, HeaderLine::c, HeaderLine::period, HeaderLine::sender)
                .containsExactly(true, 31, DayPeriod.PM_OTHER, "민수");
    }

    @Test
    void systemLinesHaveNoSender() {
        HeaderLine added = HeaderLine.parse("31/12/2024, 23:59 - Anna added Ben");
        assertThat(added.sender()).isNull();
        assertThat(added.text()).isEqualTo("Anna added Ben");
        // a subject with a colon in it is quoted: not a sender
        HeaderLine subject = HeaderLine.parse("31/12/2024, 23:59 - Anna changed the subject to “Plans: 2025”");
        assertThat(subject.sender()).isNull();
    }

    @Test
    void continuationLinesAndLookalikesAreNotHeaders() {
        assertThat(HeaderLine.parse("")).isNull();
        assertThat(HeaderLine.parse("hello")).isNull();
        assertThat(HeaderLine.parse("12/31/24 is the day")).isNull();
        assertThat(HeaderLine.parse("2024 was a year")).isNull();
        assertThat(HeaderLine.parse("[31/12/2024, 23:59 - Name: mixed brackets")).isNull();
        assertThat(HeaderLine.parse("31/12/2024, 23:59:59] Name: closing bracket only")).isNull();
        assertThat(HeaderLine.parse("123/12/2024, 23:59 - Name: three-digit day")).isNull();
        assertThat(HeaderLine.parse("31/12/2024, 23:59 -Name: no space after the dash")).isNull();
    }
}
