package org.chatvault.generator;

/** The language of one message: Chinese, English, or Chinese with English words mixed in. */
enum Language { ZH, EN, MIXED }
