package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatvault import} of a WhatsApp chat as a user runs it: what it says, and its exit codes. */
class WhatsAppImportCliTest extends ConsoleTest {
    @TempDir Path dir;

    @Test
    void importsAChatAndSaysSoThenFindsNothingNewTheSecondTime() throws Exception {
        Path chat = dir.resolve("WhatsApp Chat with Mum.txt");
        Files.writeString(chat, """
                1/5/24, 9:15\u202FAM - Messages and calls are end-to-end encrypted.
                1/5/24, 9:16\u202FAM - Mum: Good morning!
                1/5/24, 9:20\u202FAM - Alex: Morning,
                how are you?
                """);
        String db = dir.resolve("local.db").toString();
        assertThat(Main.run("import", "--db", db, "--zone", "Asia/Tokyo", chat.toString())).isZero();
        assertThat(stdout()).contains("(whatsapp, times in Asia/Tokyo): 1 conversation(s), 3 message(s) read, 3 new")
                .contains("chatvault backup");
        assertThat(Main.run("search", "--db", db, "Morning")).isZero();
        assertThat(stdout()).contains("how are you?");
        assertThat(Main.run("import", "--db", db, "--zone", "Asia/Tokyo", chat.toString())).isZero();
        assertThat(stdout()).contains("3 message(s) read, 0 new").contains("Nothing new");
    }

    @Test
    void anExportImportedBeforeIsReadInItsZoneAgainAndAnotherZoneIsRefusedUnlessMeant() throws Exception {
        Path chat = dir.resolve("WhatsApp Chat with Mum.txt");
        Files.writeString(chat, "1/5/24, 9:16\u202FAM - Mum: Good morning!\n1/5/24, 9:20\u202FAM - Alex: Morning\n");
        String db = dir.resolve("local.db").toString();
        assertThat(Main.run("import", "--db", db, "--zone", "Asia/Tokyo", chat.toString())).isZero();
        // on the next import the zone is not given: the one used before, not this computer's
        assertThat(Main.run("import", "--db", db, chat.toString())).isZero();
        assertThat(stdout()).contains("Reading times in Asia/Tokyo, as when WhatsApp Chat with Mum.txt was imported before")
                .contains("2 message(s) read, 0 new");
        assertThat(Main.run("import", "--db", db, "--zone", "Europe/Berlin", chat.toString())).isEqualTo(1);
        assertThat(stderr()).contains("was imported before with times in Asia/Tokyo").contains("--new-zone");
        assertThat(Main.run("search", "--db", db, "Good morning")).isZero();
        assertThat(stdout()).contains("1 hit").doesNotContain("2 hit");
        assertThat(Main.run("import", "--db", db, "--zone", "Europe/Berlin", "--new-zone", chat.toString())).isZero();
        assertThat(stdout()).contains("2 message(s) read, 2 new");
    }

    @Test
    void aFileThatIsNotAChatIsOneLineAndExitCode1() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "Shopping list\n1/5/24, 9:16 AM - Mum: milk\n");
        String db = dir.resolve("local.db").toString();
        assertThat(Main.run("import", "--db", db, "--format", "whatsapp", notes.toString())).isEqualTo(1);
        assertThat(stderr()).contains("cannot import " + notes + ", line 1: expected a line starting with a date and time")
                .contains("found 'Shopping list'").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
