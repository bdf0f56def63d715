package org.chatvault.server.billing;

/** Where a subscription was bought; its wire name is the lower-case word in {@link #wireName()}. */
public enum Provider {
    APPLE("apple"),
    GOOGLE("google"),
    /** Receipts signed by the operator's own billing system: web sales, promotions, tests. */
    DIRECT("direct");

    private final String wireName;

    Provider(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }

    /** @throws IllegalArgumentException naming the accepted words */
    public static Provider ofWireName(String name) {
        for (Provider p : values()) if (p.wireName.equals(name)) return p;
        throw new IllegalArgumentException("unknown billing provider '" + name + "' (apple, google, direct)");
    }
}
