package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainCommandsTest {
    @Test void eachCommandIsListedUnderItsOwnName() {
        assertThat(Main.COMMANDS).hasSize(25);
        for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet())
            assertThat(e.getValue().getAnnotation(Command.class).name()).as(e.getValue().getSimpleName()).isEqualTo(e.getKey());
    }

    @Test void aCommandLineNamingOneCommandBuildsThatOneAlone() {
        assertThat(Main.commandsFor("backup", "--text-only")).containsExactly(BackupCommand.class);
        assertThat(Main.commandsFor("--home", "/tmp/phone", "status")).containsExactly(StatusCommand.class);
        assertThat(Main.commandsFor("--home=/tmp/phone", "device", "list")).containsExactly(DeviceCommand.class);
    }

    @Test void helpVersionAndUnknownNamesGetEveryCommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-V"}, {"help", "backup"}, {"teleport", "now"}, {"--help", "backup"}, {"--home"}})
            assertThat(Main.commandsFor(args)).as(String.join(" ", args)).containsExactlyElementsOf(Main.COMMANDS.values());
    }

    @Test void theTopLevelHelpStillListsEveryCommandInOrder() {
        CommandLine full = new CommandLine(new Main());
        for (Class<?> c : Main.commandsFor("--help")) full.addSubcommand(c);
        assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(Main.COMMANDS.keySet());
    }
}
