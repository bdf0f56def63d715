package org.chatvault.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.chatvault.server.billing.BillingPeriod;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.billing.Price;
import org.chatvault.server.billing.Provider;

/**
 * The plan catalog from the JSON file {@code billing.catalog-file} (docs/DEPLOY.md "Plan catalog"):
 * a list of versions, each with its plans and the prices of each store's products. Every mistake
 * is one line naming the file, the version, and the plan or product; unknown fields are refused like
 * unknown settings, since a misspelt field silently ignored is a price the operator did not mean.
 */
final class CatalogFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VERSION_FIELDS = Set.of("version", "plans", "prices");
    private static final Set<String> PLAN_FIELDS = Set.of("id", "name", "media", "retention", "quota");
    private static final Set<String> PRICE_FIELDS = Set.of("plan", "provider", "product", "period", "amount", "currency");

    private CatalogFile() {}

    /** @param setting where the file's name came from, for messages */
    static Catalogs read(Path file, String setting) {
        String where = "catalog file " + file + " (" + setting + ")";
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(where + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + " is not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr(), e);
        } catch (IOException e) {
            throw new ConfigException(where + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    static Catalogs parse(JsonNode root) {
        if (root == null || !root.isArray() || root.isEmpty())
            throw new IllegalArgumentException("must be a JSON list of catalog versions, [{\"version\": 1, \"plans\": [...], \"prices\": [...]}]");
        List<Catalog> versions = new ArrayList<>();
        for (JsonNode v : root) {
            fields(v, VERSION_FIELDS, "a catalog version");
            int number = (int) whole(v, "version", "a catalog version", 1, Integer.MAX_VALUE);
            String at = "version " + number;
            List<Plan> plans = new ArrayList<>();
            for (JsonNode p : list(v, "plans", at)) plans.add(plan(p, at));
            List<Price> prices = new ArrayList<>();
            for (JsonNode p : list(v, "prices", at)) prices.add(price(p, at));
            versions.add(new Catalog(number, plans, prices));
        }
        return new Catalogs(versions);
    }

    private static Plan plan(JsonNode p, String at) {
        fields(p, PLAN_FIELDS, at + ", a plan");
        String id = text(p, "id", at + ", a plan");
        String where = at + ", plan '" + id + "'";
        JsonNode media = p.get("media");
        if (media == null || !media.isBoolean()) throw new IllegalArgumentException(where + ": 'media' must be true or false");
        return new Plan(id, text(p, "name", where), media.asBoolean(), retention(p.get("retention"), where), quota(p.get("quota"), where));
    }

    private static Price price(JsonNode p, String at) {
        fields(p, PRICE_FIELDS, at + ", a price");
        String product = text(p, "product", at + ", a price");
        String where = at + ", product '" + product + "'";
        Provider provider;
        try {
            provider = Provider.ofWireName(text(p, "provider", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        BillingPeriod period = switch (text(p, "period", where)) {
            case "month" -> BillingPeriod.MONTH;
            case "year" -> BillingPeriod.YEAR;
            default -> throw new IllegalArgumentException(where + ": 'period' must be month or year");
        };
        String currency = text(p, "currency", where);
        if (!currency.matches("[A-Z]{3}")) throw new IllegalArgumentException(where + ": 'currency' must be an ISO 4217 code such as CNY");
        return new Price(text(p, "plan", where), provider, product, period, whole(p, "amount", where, 0, Long.MAX_VALUE), currency);
    }

    /** An ISO-8601 period ({@code P30D}, {@code P2Y}); {@code null} or {@code "everything"} keeps all history. */
    private static Period retention(JsonNode n, String where) {
        if (n == null || n.isNull() || n.isTextual() && n.asText().equals("everything")) return null;
        if (!n.isTextual()) throw new IllegalArgumentException(where + ": 'retention' must be a period such as P30D or P2Y, or \"everything\"");
        try {
            Period p = Period.parse(n.asText());
            if (p.isNegative() || p.isZero()) throw new IllegalArgumentException(where + ": 'retention' must be longer than zero");
            return p;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": 'retention' " + n + " is not a period such as P30D or P2Y");
        }
    }

    /** Bytes, or a size with a binary unit ({@code "50GiB"}). */
    private static long quota(JsonNode n, String where) {
        long bytes;
        if (n != null && n.canConvertToExactIntegral() && n.isIntegralNumber()) bytes = n.asLong();
        else if (n != null && n.isTextual()) {
            try {
                bytes = ServerConfigLoader.parseSize(n.asText().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": 'quota' " + n + " " + e.getMessage());
            }
        } else throw new IllegalArgumentException(where + ": 'quota' must be bytes or a size such as \"50GiB\"");
        if (bytes <= 0) throw new IllegalArgumentException(where + ": 'quota' must be more than zero");
        return bytes;
    }

    private static List<JsonNode> list(JsonNode v, String name, String where) {
        JsonNode n = v.get(name);
        if (n == null || !n.isArray()) throw new IllegalArgumentException(where + ": '" + name + "' must be a list");
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static String text(JsonNode o, String name, String where) {
        JsonNode n = o.get(name);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new IllegalArgumentException(where + ": '" + name + "' must be a non-empty string");
        return n.asText();
    }

    private static long whole(JsonNode o, String name, String where, long min, long max) {
        JsonNode n = o.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max)
            throw new IllegalArgumentException(where + ": '" + name + "' must be a whole number" + (min > 0 ? " of at least " + min : " not below " + min));
        return n.asLong();
    }

    private static void fields(JsonNode o, Set<String> known, String where) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException(where + " must be a JSON object");
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f))
                throw new IllegalArgumentException(where + ": unknown field '" + f + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
    }

}
