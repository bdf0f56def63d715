package org.chatvault.client.exporter;

import java.util.ArrayList;
import java.util.List;

/** Every exporter there is. */
public final class Exporters {
    private static final List<Exporter> ALL = all(new ArrayList<>());

    private Exporters() {}

    private static List<Exporter> all(List<Exporter> list) {
        // one line per exporter: list.add(new SomeExporter());
        list.add(new org.chatvault.client.exporter.html.HtmlExporter());
        list.add(new org.chatvault.client.exporter.json.JsonExporter());
        list.add(new org.chatvault.client.exporter.txt.TxtExporter());
        return List.copyOf(list);
    }

    public static List<Exporter> available() { return ALL; }

    public static Exporter of(ExportFormat format) {
        for (Exporter e : ALL) if (e.format() == format) return e;
        throw new IllegalStateException("no exporter for " + format.cliName());
    }
}
