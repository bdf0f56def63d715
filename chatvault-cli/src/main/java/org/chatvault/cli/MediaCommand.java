package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "media", mixinStandardHelpOptions = true, subcommands = MediaCommand.Get.class,
        description = "Media files of the vault.%nExample: chatvault media get 3f9a…")
final class MediaCommand implements Callable<Integer> {
    @Override public Integer call() {
        throw new CliException("say what to do: chatvault media get CONTENT_ID");
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Fetch one attachment (or thumbnail) from the vault now, by its content id, and print where it is.%n"
                    + "Example: chatvault media get 3f9a…")
    static final class Get implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(paramLabel = "CONTENT_ID", description = "The content id of the file, as the message's attachment names it.") String contentId;

        @Override public Integer call() {
            try (Vault vault = client.vault()) {
                System.out.println(vault.fetchMedia(contentId));
            }
            return 0;
        }
    }
}
