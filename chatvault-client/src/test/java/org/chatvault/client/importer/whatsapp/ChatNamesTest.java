package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatNamesTest {

    @Test
    void namesInWhatsAppsFileNames() {
        assertThat(ChatNames.fromFileName("WhatsApp Chat with Mum.txt")).isEqualTo("Mum");
        assertThat(ChatNames.fromFileName("WhatsApp Chat with Mum (2).zip")).isEqualTo("Mum");
        assertThat(ChatNames.fromFileName("WhatsApp Chat - Family.zip")).isEqualTo("Family");
        assertThat(ChatNames.fromFileName("WhatsApp Chat mit Familie.txt")).isEqualTo("Familie");
        assertThat(ChatNames.fromFileName("Chat de WhatsApp con Lucía.txt")).isEqualTo("Lucía");
        assertThat(ChatNames.fromFileName("与妈妈的WhatsApp聊天.txt")).isEqualTo("妈妈");
        assertThat(ChatNames.fromFileName("notes.txt")).isNull();
    }

    @Test
    void aDotInTheNameSurvivesInAFolderAndInAZip() {
        assertThat(ChatNames.fromFileName("WhatsApp Chat - Dr. Smith")).isEqualTo("Dr. Smith");
        assertThat(ChatNames.fromFileName("WhatsApp Chat - Dr. Smith.zip")).isEqualTo("Dr. Smith");
        assertThat(ChatNames.baseName("dir/chat.log")).isEqualTo("chat.log");
    }

    @Test
    void chatTextInAZip() {
        assertThat(ChatNames.isChatText("_chat.txt")).isTrue();
        assertThat(ChatNames.isChatText("WhatsApp Chat - x/_chat.txt")).isTrue();
        assertThat(ChatNames.isChatText("WhatsApp Chat with Mum.txt")).isTrue();
        assertThat(ChatNames.isChatText("notes.txt")).isFalse();
        assertThat(ChatNames.isChatText("WhatsApp Chat with Mum.jpg")).isFalse();
    }
}
