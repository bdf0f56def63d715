package org.chatvault.generator;

import java.util.SplittableRandom;
import org.chatvault.core.model.Attachment;

/**
 * The stickers of a history: a few packs, a couple of hundred stickers, and a handful of
 * favourites sent again and again. Reuse is the point: one sticker is one content id however
 * often it is sent, which backup must store once.
 */
final class StickerSet {
    static final int SIZE = 200;
    private static final String[] PACKS = Names.list("小黄鸡|CatMemes|熊猫头|Pepe|Doge|兔斯基|Capybara|阿狸|Shiba|Mochi");

    record Sticker(Attachment attachment, String emoji) {}

    private final Sticker[] stickers = new Sticker[SIZE];
    private final Zipf popularity = new Zipf(SIZE, 1.0);

    StickerSet(SplittableRandom r) {
        for (int i = 0; i < SIZE; i++) {
            String name = PACKS[i % PACKS.length] + "_" + (i / PACKS.length + 1) + ".webp";
            long size = 8_000 + r.nextInt(72_000);
            Attachment a = new Attachment(ContentIds.next(r), name, "image/webp", size, null);
            stickers[i] = new Sticker(a, Picks.skewed(r, Lexicon.EMOJI));
        }
    }

    Sticker pick(SplittableRandom r) { return stickers[popularity.sample(r)]; }
}
