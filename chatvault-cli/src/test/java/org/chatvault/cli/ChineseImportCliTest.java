package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatvault.client.local.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'chatvault import' of QQ and WeChat exports as a user runs it: what it says, and exit code 1 for input it cannot read. */
class ChineseImportCliTest extends ConsoleTest {
    private static final String SEPARATOR = "=".repeat(64);

    @TempDir Path dir;

    @Test
    void importsAQqExportInGb18030OnceAndSaysSo() throws IOException {
        Path file = dir.resolve("张三.txt");
        String text = String.join("\r\n", "消息记录（此消息记录为文本格式，不支持重新导入）", "", SEPARATOR, "消息分组:我的好友", SEPARATOR,
                "消息对象:张三", SEPARATOR, "", "2024-01-05 9:03:12 张三(123456)", "你好", "", "2024-01-05 下午 9:04:00 我(654321)", "[图片]", "");
        Files.write(file, text.getBytes(Charset.forName("GB18030")));
        String db = dir.resolve("local.db").toString();

        assertThat(Main.run("import", file.toString(), "--db", db, "--zone", "Asia/Shanghai")).as(stderr()).isZero();
        assertThat(stdout()).contains("(qq, times in Asia/Shanghai): 1 conversation(s), 2 message(s) read, 2 new")
                .contains("1 named but not in the export").contains("chatvault backup");
        out.reset();
        assertThat(Main.run("import", file.toString(), "--db", db, "--zone", "Asia/Shanghai", "--format", "qq")).isZero();
        assertThat(stdout()).contains("2 message(s) read, 0 new").contains("Nothing new");
    }

    @Test
    void importsAWeChatCsvFoundByItsHeader() throws IOException {
        Path file = dir.resolve("wxid_lisi.csv");
        Files.writeString(file, "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"
                + "1,wxid_lisi,1,0,0,1704445392,2,\"在吗, 明天\",2024-01-05 17:03:12,李四,lisi\n2,wxid_lisi,1,0,1,1704445400,2,在的\n");
        assertThat(Main.run("import", file.toString(), "--db", dir.resolve("local.db").toString(), "--zone", "UTC")).as(stderr()).isZero();
        assertThat(stdout()).contains("(wechat-csv, times in UTC): 1 conversation(s), 2 message(s) read, 2 new");
    }

    @Test
    void damagedInputIsRefusedInOneLineWithExitCodeOneAndNothingImported() throws IOException {
        Path file = dir.resolve("messages.json");
        Files.writeString(file, "[{\"id\": 1, \"MsgSvrID\": \"9\", \"type_name\": \"文本\", \"talker\": \"wxid_a\", \"room_name\": \"wxid_a\","
                + " \"msg\": \"hi\", \"CreateTime\": \"yesterday\"}]", StandardCharsets.UTF_8);
        String db = dir.resolve("local.db").toString();
        assertThat(Main.run("import", file.toString(), "--db", db, "--format", "wechat-json")).isEqualTo(1);
        assertThat(stderr()).contains("messages.json, $[0].CreateTime: expected epoch seconds or a time like 2024-01-05 21:03:12, found 'yesterday'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stderr().strip().lines()).hasSize(1);
        try (LocalStore store = LocalStore.open(Path.of(db))) {
            assertThat(store.messageCount()).isZero();
            assertThat(store.imports()).isEmpty();
        }
    }
}
