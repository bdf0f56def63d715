package org.chatvault.generator;

import java.util.SplittableRandom;

/**
 * How often a conversation's messages are in each language. Chats lean to one language but
 * rarely keep to it: a Chinese chat drops in English words, an English one the odd Chinese line.
 */
record LanguageMix(double zh, double mixed) {
    static final LanguageMix CHINESE = new LanguageMix(0.80, 0.15);
    static final LanguageMix ENGLISH = new LanguageMix(0.04, 0.06);
    static final LanguageMix BILINGUAL = new LanguageMix(0.40, 0.35);
    /** Channels are edited: they keep to their language. */
    static final LanguageMix ONLY_CHINESE = new LanguageMix(1, 0);
    static final LanguageMix ONLY_ENGLISH = new LanguageMix(0, 0);

    Language pick(SplittableRandom r) {
        double u = r.nextDouble();
        return u < zh ? Language.ZH : u < zh + mixed ? Language.MIXED : Language.EN;
    }

    /** The main language, for titles and system notices. */
    Language main() { return zh >= 0.5 ? Language.ZH : zh + mixed >= 0.5 ? Language.MIXED : Language.EN; }
}
